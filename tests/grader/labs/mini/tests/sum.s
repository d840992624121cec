# sum of five words; the result also stored at `result`.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   a0, numbers
    li   a1, 5
    call sum
    la   t0, result
    sw   a0, 0(t0)
    halt
.align 4
numbers: .word 1, 2, 3, 4, 5
result:  .word 0
.include "mini.s"
