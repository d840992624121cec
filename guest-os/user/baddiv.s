# baddiv.s: divides by zero (DIVIDE).
# The kernel kills it and prints why; the line after the fault is never
# printed.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, before
    call printf
    li   t0, 7
    div  t1, t0, zero
    la   a0, after
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
    .align 4
before:
    .asciz "baddiv: dividing 7 by 0\n"
after:
    .asciz "baddiv: still alive (wrong!)\n"
