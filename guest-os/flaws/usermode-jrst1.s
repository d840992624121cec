# usermode-jrst1: jrst1's jrst in user mode, a plain jump there: not
# user-sensitive, so every technique agrees (Theorem 3 holds). The program
# reports where the jump went.
.include "pg32.inc"
.include "usermode.inc"

    .org USER
    .user USER
main:
    la   t0, there
    jrst t0
    li   a0, -1                 # not reached
    sys
there:
    la   a0, there
    sys
what:
    .asciz "jrst went to"
    .enduser
