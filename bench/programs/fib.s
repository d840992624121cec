# Benchmark (c): call-heavy. Computes fib(N) by naive recursion, with a
# stack frame per call. a0 ends as fib(N).
.include "pg32.inc"

_start:
        li      sp, 0x100000           # top of the default 1 MiB memory
        li      a0, N
        call    fib
        halt

# fib(a0) = a0 < 2 ? a0 : fib(a0-1) + fib(a0-2)
fib:    li      t0, 2
        blt     a0, t0, 1f
        addi    sp, sp, -12
        sw      ra, 0(sp)
        sw      s0, 4(sp)
        sw      s1, 8(sp)
        mv      s0, a0
        addi    a0, s0, -1
        call    fib
        mv      s1, a0
        addi    a0, s0, -2
        call    fib
        add     a0, a0, s1
        lw      ra, 0(sp)
        lw      s0, 4(sp)
        lw      s1, 8(sp)
        addi    sp, sp, 12
1:      ret
