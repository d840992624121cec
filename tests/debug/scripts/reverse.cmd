# args: kernel.s
# Going back on the bare machine: across a timer interrupt, to earlier
# breakpoint hits, from the end. regs and csr must print what they printed
# at the same step going forward.
break trap TIMER
c                         # the first interrupt: at the handler's first instruction
delete
rs                        # back before it: user mode, the instruction it came before
regs
csr
step                      # forward again: the interrupt is taken again
regs
csr
step 30                   # through the handler, back to user mode
x 0x4100 /w
rs 30                     # the state of 30 steps ago, exactly
regs
csr
x 0x4100 /w
goto 105                  # the same as rs: before the interrupt
where
break on_syscall
c
c
c
rc                        # the previous hit: the second system call
rc
rc                        # none before the first: back to the start
info steps
goto 1000000              # past the end: the end
rs                        # before the last instruction: out POWER_OFF
rs 3
where
c                         # the console output is not printed again
