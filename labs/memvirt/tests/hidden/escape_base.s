# Hostile (hidden): an rbase past the end of the VM's memory. Nothing of
# such an R is the guest's: the user program's first fetch must trap, not
# run the next VM's code (task 3).
.include "pg32.inc"

.equ MEMORY, 0x10000

_start:
    la   t0, handler
    csrw tvec, t0
    li   t0, MEMORY + 0x100
    csrw rbase, t0
    li   t0, 0x1000
    csrw rbound, t0
    csrw epc, zero
    csrw epsw, zero
    rfe
handler:
    csrr a1, cause              # a1 = CAUSE_BOUNDS (5)
    halt
hang:
    j    hang
