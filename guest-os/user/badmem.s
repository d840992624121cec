# badmem.s: reads memory outside its region (BOUNDS).
# The kernel kills it and prints why; the line after the fault is never
# printed.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, before
    call printf
    li   t0, 0x00100000         # far past the end of the region
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
    .asciz "badmem: reading address 0x00100000\n"
after:
    .asciz "badmem: still alive (wrong!)\n"
