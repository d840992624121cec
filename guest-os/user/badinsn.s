# badinsn.s: executes a word that is no instruction (ILLEGAL).
# The kernel kills it and prints why; the line after the fault is never
# printed.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, before
    call printf
    .word 0xdeadbeef            # opcode 0xde: no such instruction
    la   a0, after
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
    .align 4
before:
    .asciz "badinsn: executing the word 0xdeadbeef\n"
after:
    .asciz "badinsn: still alive (wrong!)\n"
