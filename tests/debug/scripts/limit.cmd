# args: forever.s --max-steps 1000
# status: 1
# A program that never stops, and the step limit.
step 10
c
c
rs 500
c
goto 5000
where
