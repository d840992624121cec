# A user program loads outside its R: the BOUNDS trap goes to the guest's
# handler with cause, epc and badaddr as on the bare machine (task 4).
.include "pg32.inc"

.equ USER, 0x1000

_start:
    la   t0, handler
    csrw tvec, t0
    li   t0, USER
    csrw rbase, t0
    li   t0, 0x100
    csrw rbound, t0
    csrw epc, zero
    csrw epsw, zero
    rfe
handler:
    csrr a1, cause              # a1 = CAUSE_BOUNDS (5)
    csrr a2, epc                # a2 = 4: the load
    csrr a3, badaddr            # a3 = 0x200: the address it asked for
    halt
hang:
    j    hang

    .org USER
user:
    li   a0, 0x200
    lw   a0, 0(a0)              # outside the user's 0x100 bytes
    j    user
