# Benchmark (a): a tight loop of 8 instructions per iteration: 1 load,
# 1 store, 5 ALU operations and 1 taken branch (the loop of
# ../../shared/reference/performance.md, written for PG32).
# ITERATIONS comes from the command line: trapvm run -D ITERATIONS=N.
# a0 ends as checksum XOR cell, as the SPIM version prints.
.include "pg32.inc"

_start:
        la      t0, cell
        li      t1, 0                  # counter
        li      t3, ITERATIONS
        li      s0, 0                  # checksum
loop:   lw      t2, 0(t0)              # 1 load
        add     t2, t2, t1             # 2
        sw      t2, 0(t0)              # 3 store
        addi    t1, t1, 1              # 4
        andi    s1, t1, 255            # 5
        add     s0, s0, s1             # 6
        addi    t3, t3, -1             # 7
        bnez    t3, loop               # 8 branch
        lw      t2, 0(t0)
        xor     a0, s0, t2
        halt

        .align  4
cell:   .word   0
