# args: --vmm=patch {guest-os}/boot-flawed-leaky-psw.img
# Under the patch technique the kernel's rdpsw traps to the monitor, which
# runs it for the guest: a breakpoint on it, a step over it and a step back
# work as on any instruction, the exit is a patch exit, the guest reads the
# mode bare hardware gives it (t0: system mode) and its own code unpatched.
break 0x10                # boot.s's rdpsw t0 (BOOT_MODE_CHECK)
c
x $pc 1                   # the word in memory: rdpsw itself
step
regs
rs
regs
delete
break exit rdpsw
c
where
info vm
