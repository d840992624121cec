# Self-modifying code: the program writes one of two instructions into
# `slot`, runs it, then the other, round after round. The pre-decoded
# instruction at slot must be forgotten whenever its word changes, by a
# store or by a checkpoint being restored.
.include "pg32.inc"

_start:
        la      t0, slot
        la      t1, add_one
        lw      t2, 0(t1)              # the two instruction words
        lw      t3, 4(t1)
        li      s0, 0
        li      s1, 200                # rounds
loop:   sw      t2, 0(t0)              # slot: addi s0, s0, 1
        jal     ra, slot
        sw      t3, 0(t0)              # slot: addi s0, s0, 16
        jal     ra, slot
        addi    s1, s1, -1
        bnez    s1, loop
        halt

add_one: addi   s0, s0, 1
add_16:  addi   s0, s0, 16
slot:    addi   zero, zero, 0
         jalr   zero, 0(ra)
