# usermode-leaky-psw: leaky-psw's rdpsw in user mode, interrupts off.
# Bare: psw = 0 (user mode, interrupts off). Under a monitor the real psw
# has the monitor's interrupt-enable bit: rdpsw is user-sensitive, and the
# hybrid monitor, which runs user mode directly, diverges (Theorem 3 fails).
.include "pg32.inc"
.include "usermode.inc"

    .org USER
    .user USER
main:
    rdpsw a0
    sys
what:
    .asciz "rdpsw"
    .enduser
