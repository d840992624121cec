# usermode-leaky-r: leaky-r's rdrbase in user mode. Bare: rbase = USER.
# Under a monitor the real rbase is where the monitor put the VM's region:
# rdrbase is user-sensitive, and the hybrid monitor diverges (Theorem 3
# fails) unless the VM happens to sit at physical 0.
.include "pg32.inc"
.include "usermode.inc"

    .org USER
    .user USER
main:
    rdrbase a0
    sys
what:
    .asciz "rdrbase"
    .enduser
