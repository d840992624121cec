# args: --vmm kernel.s calls.s --quantum 50
# Going back under the monitor, across monitor exits: regs and csr must
# print what they printed at the same step going forward.
break exit rfe            # vm0 leaves its kernel for its user program
c
regs
csr
rs                        # back before the rfe the monitor emulated
regs
csr
step                      # forward across the exit again
regs
csr
delete
break exit TIMER          # the end of a time slice
c
c
info vm
rs 3                      # three of vm0's instructions back (vm1 ran in between)
where
step 3
where
rc
rc
info steps
