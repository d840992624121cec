# usermode-vt: vt's user-sensitive flaws in user mode, interrupts off: the
# sum of rdpsw (bare: 0) and rdrbase (bare: USER). Under a monitor without
# guest mode both show the monitor's real state; with it (--vmm=hardware)
# both trap and are answered from the virtual CPU.
.include "pg32.inc"
.include "usermode.inc"

    .org USER
    .user USER
main:
    rdpsw t0
    rdrbase t1
    add  a0, t0, t1
    sys
what:
    .asciz "rdpsw + rdrbase"
    .enduser
