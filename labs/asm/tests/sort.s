# sort one of six arrays (-D WHICH=0..5), then print it: the words in
# signed decimal, separated by spaces, and a newline.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   t0, arrays
    lw   s0, WHICH * 8(t0)      # the array
    lw   s1, WHICH * 8 + 4(t0)  # its length
    mv   a0, s0
    mv   a1, s1
    call sort
    mv   a0, s0
    mv   a1, s1
    call t_print_words
    halt

# t_print_words(a0 = words, a1 = how many): "w0 w1 ...\n" in signed decimal.
t_print_words:
    mv   t0, a0
    mv   t1, a1
t_next_word:
    beqz t1, t_words_end
    lw   t2, 0(t0)
    bge  t2, zero, t_positive
    li   t3, '-'
    out  PORT_CONSOLE_OUT, t3
    sub  t2, zero, t2
t_positive:
    la   t3, t_digits_end       # the digits, backwards, into a buffer
t_digit:
    li   a2, 10
    remu a3, t2, a2
    divu t2, t2, a2
    addi a3, a3, '0'
    addi t3, t3, -1
    sb   a3, 0(t3)
    bnez t2, t_digit
    la   a2, t_digits_end
t_put:
    lbu  a3, 0(t3)
    out  PORT_CONSOLE_OUT, a3
    addi t3, t3, 1
    bne  t3, a2, t_put
    addi t0, t0, 4
    addi t1, t1, -1
    beqz t1, t_words_end
    li   a3, ' '
    out  PORT_CONSOLE_OUT, a3
    j    t_next_word
t_words_end:
    li   a3, '\n'
    out  PORT_CONSOLE_OUT, a3
    ret
t_digits:     .space 12
t_digits_end:
.align 4
arrays:     .word reversed, 5, duplicates, 6, negative, 5, single, 1, empty, 0, many, 32
reversed:   .word 5, 4, 3, 2, 1
duplicates: .word 3, 1, 3, 1, 2, 1
negative:   .word 0, -7, 12, -1, -2147483648
single:     .word 9
empty:
many:       .word 31, 7, 18, 2, 25, 12, 29, 0, 21, 5, 16, 9, 27, 14, 3, 23
            .word 10, 30, 1, 19, 8, 26, 13, 4, 22, 17, 6, 28, 11, 20, 15, 24
.include "asm.s"
