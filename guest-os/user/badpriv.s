# badpriv.s: tries to halt the machine, a privileged instruction (PRIVILEGED).
# The kernel kills it and prints why; the line after the fault is never
# printed.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, before
    call printf
    halt                        # only the kernel may
    la   a0, after
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
    .align 4
before:
    .asciz "badpriv: trying to halt the machine\n"
after:
    .asciz "badpriv: still alive (wrong!)\n"
