# usermode-silent-ie: silent-ie's wrpsw in user mode, which ignores the mode
# and interrupt-enable bits there, on bare hardware as in real user mode
# under a monitor: not user-sensitive, so every technique agrees (Theorem 3
# holds). Still in user mode, the program's csrr traps with PRIVILEGED, and
# the run ends with that cause as its status.
.include "pg32.inc"
.include "usermode.inc"

    .org USER
    .user USER
main:
    li   t0, PSW_SYSTEM | PSW_IE
    wrpsw t0                    # asks for system mode, interrupts on: ignored
    csrr a0, psw                # traps: still user mode
    sys
what:
    .asciz "psw after wrpsw"
    .enduser
