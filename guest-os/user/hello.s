# hello.s: the smallest program: one line, exit status 0.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, greeting
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
greeting:
    .asciz "hello, world\n"
