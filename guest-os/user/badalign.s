# badalign.s: loads a word from an address that is not a multiple of 4 (MISALIGNED).
# The kernel kills it and prints why; the line after the fault is never
# printed.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, before
    call printf
    li   t0, 2
    lw   t1, 0(t0)
    la   a0, after
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
    .align 4
before:
    .asciz "badalign: loading a word from address 2\n"
after:
    .asciz "badalign: still alive (wrong!)\n"
