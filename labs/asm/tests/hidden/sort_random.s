# Hidden: N (-D N=2..) pseudo-random words from SEED (-D SEED=...), in
# -1000..1000, sorted by sort, then printed as sort.s prints them. The
# grader compares the output with the solution's for the same N and SEED.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   s0, words
    li   s1, N
    li   t0, SEED               # a linear congruential generator
    li   t3, 2001
    mv   t1, s0
    mv   t2, s1
fill:
    li   a2, 1103515245
    mul  t0, t0, a2
    addi t0, t0, 12345
    srli a3, t0, 8
    remu a3, a3, t3
    addi a3, a3, -1000
    sw   a3, 0(t1)
    addi t1, t1, 4
    addi t2, t2, -1
    bnez t2, fill
    mv   a0, s0
    mv   a1, s1
    call sort
    mv   t0, s0
    mv   t1, s1
next_word:
    beqz t1, words_end
    lw   t2, 0(t0)
    bge  t2, zero, positive
    li   t3, '-'
    out  PORT_CONSOLE_OUT, t3
    sub  t2, zero, t2
positive:
    la   t3, digits_end
digit:
    li   a2, 10
    remu a3, t2, a2
    divu t2, t2, a2
    addi a3, a3, '0'
    addi t3, t3, -1
    sb   a3, 0(t3)
    bnez t2, digit
    la   a2, digits_end
put:
    lbu  a3, 0(t3)
    out  PORT_CONSOLE_OUT, a3
    addi t3, t3, 1
    bne  t3, a2, put
    addi t0, t0, 4
    addi t1, t1, -1
    beqz t1, words_end
    li   a3, ' '
    out  PORT_CONSOLE_OUT, a3
    j    next_word
words_end:
    li   a3, '\n'
    out  PORT_CONSOLE_OUT, a3
    halt
digits:     .space 12
digits_end:
.include "asm.s"
.align 4
words: .space 4 * N
