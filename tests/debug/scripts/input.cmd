# args: echo.s --input echo.in
# Console input by interrupt: going back and forth re-reads the same bytes,
# and the echoed output is printed once.
break trap CONSOLE
c
c
delete
until echo.s:31           # the echo
step
c                         # to the end of the input
rs 40
goto 0
c                         # nothing printed again
info steps
