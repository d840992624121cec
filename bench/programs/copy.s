# Benchmark (b): memory-heavy. Copies a 16 KiB buffer word by word ROUNDS
# times, then checksums the copy byte by byte. a0 ends as the checksum.
.include "pg32.inc"

.equ SIZE, 0x4000

_start:
        la      s0, src
        la      s1, dst
        li      t0, 0                  # fill src with a pattern
1:      slli    t1, t0, 2
        add     t2, s0, t1
        xor     t3, t0, t1
        sw      t3, 0(t2)
        addi    t0, t0, 1
        li      t1, SIZE / 4
        bltu    t0, t1, 1b
        li      s2, ROUNDS
2:      mv      t0, s0                 # copy, 4 words per iteration
        mv      t1, s1
        li      t3, SIZE
        add     t3, t3, s0
3:      lw      a1, 0(t0)
        lw      a2, 4(t0)
        lw      a3, 8(t0)
        lw      a4, 12(t0)
        sw      a1, 0(t1)
        sw      a2, 4(t1)
        sw      a3, 8(t1)
        sw      a4, 12(t1)
        addi    t0, t0, 16
        addi    t1, t1, 16
        bltu    t0, t3, 3b
        addi    s2, s2, -1
        bnez    s2, 2b
        li      a0, 0                  # checksum the copy
        mv      t0, s1
        li      t3, SIZE
        add     t3, t3, s1
4:      lbu     t1, 0(t0)
        add     a0, a0, t1
        slli    t2, a0, 1
        xor     a0, a0, t2
        addi    t0, t0, 1
        bltu    t0, t3, 4b
        halt

        .align  4
src:    .space  SIZE
dst:    .space  SIZE
