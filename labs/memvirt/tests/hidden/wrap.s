# Hostile (hidden): rbase + rbound wraps around 2^32. Clipping by the end
# of R (rbase + rbound) instead of by its size lets this R out of the VM.
.include "pg32.inc"

.equ MEMORY, 0x10000

_start:
    la   t0, handler
    csrw tvec, t0
    li   t0, 0x100
    csrw rbase, t0
    li   t0, 0xffffff80          # 0x100 + 0xffffff80 = 0x80 (mod 2^32)
    csrw rbound, t0
    la   t0, user
    addi t0, t0, -0x100
    csrw epc, t0
    csrw epsw, zero
    rfe
handler:
    csrr a1, cause
    halt
hang:
    j    hang
user:
    li   t0, MEMORY
    li   t1, 0x0badf00d
    li   t2, 4096
scribble:
    sw   t1, 0(t0)
    addi t0, t0, 4
    addi t2, t2, -1
    bnez t2, scribble
    sys
