# args: calls.s
# status: 1
# Forward motion on the bare machine: step, next over a call, finish, until.
where
step
step 2              # to `call square`
next                # over it (square calls multiply in turn)
step 10             # round the loop and into square again
step
next 4              # over the nested call to multiply
finish              # back in the loop, square's result in a0
until calls.s:16    # addi s0, s0, 1
u loop
until print
n 4                 # one byte printed: the partial line shows at the stop
finish
step 1000           # to the end: the console line comes first
where
step                # the run has ended
