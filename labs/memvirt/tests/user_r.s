# A user program runs inside its R: address a is the VM's rbase + a, and
# an access at or past rbound traps (task 1).
.include "pg32.inc"

.equ USER, 0x1000               # the user program's rbase
.equ SIZE, 0x100                # ... and its rbound

_start:
    la   t0, handler
    csrw tvec, t0
    li   t0, USER
    csrw rbase, t0
    li   t0, SIZE
    csrw rbound, t0
    csrw epc, zero
    csrw epsw, zero             # user mode
    rfe
handler:
    csrr a1, cause              # a1 = CAUSE_BOUNDS (5)
    csrr a2, epc                # a2 = 12: the second load
    csrr a3, badaddr            # a3 = 0x100: its address
    halt
hang:
    j    hang

    .org USER
user:
    li   a0, 0x80
    lw   a0, 0(a0)              # a0 = 0x600d: the word at USER + 0x80
    li   t0, SIZE
    lw   t0, 0(t0)              # past rbound: BOUNDS
    j    user
    .org USER + 0x80
    .word 0x600d
