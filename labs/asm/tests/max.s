# array_max of one of four arrays (-D WHICH=0..3): a0 is the largest.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   t0, arrays
    lw   a0, WHICH * 8(t0)      # the array
    lw   a1, WHICH * 8 + 4(t0)  # its length
    call array_max
    halt
.align 4
arrays:   .word middle, 4, negative, 3, single, 1, extremes, 4
middle:   .word 3, 9, 2, 7
negative: .word -5, -2, -9
single:   .word 42
extremes: .word -1, 0x7fffffff, -2147483648, 0
.include "asm.s"
