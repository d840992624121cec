# args: --vmm=hybrid kernel.s calls.s --quantum 50
# Under the hybrid monitor the kernels are interpreted, not run on the real
# CPU: breakpoints, stepping and going back work in them as in code run
# directly, an emulated instruction is no exit any more, and the traps the
# interpreter raises are reflected like any other.
break start_user
c
step 3
regs
rs 2
where
delete
break mode user
c
info vm
delete
break exit rfe            # no exit: the rfe was interpreted
break exit SYSCALL
c
where
info vm
vm 1
info vm
