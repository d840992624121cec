# badbrk.s: executes a breakpoint with no debugger to catch it (BREAKPOINT).
# The kernel kills it and prints why; the line after the fault is never
# printed.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, before
    call printf
    brk
    la   a0, after
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
    .align 4
before:
    .asciz "badbrk: executing brk\n"
after:
    .asciz "badbrk: still alive (wrong!)\n"
