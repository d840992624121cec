# long_write.s (hidden): one process writes a 200-byte line (more than
# the kernel's 64-byte copy buffer, so console_write gets it in chunks),
# an empty write, and exits; then a second one is killed for a fault, so
# kputs and console_putc print the kernel's message. Under the
# paravirtual monitor, compared with the solution's run.
#
# Inline user programs after the kernel (labs/README.md, "Labs on the
# guest OS"): each is copied to its own region and runs from user address 0.
.include "kernel.s"

    .data
    .align 4
boot_table:
    .word writer, writer_end        # pid 1
    .word faulter, faulter_end      # pid 2
    .word 0

    .align 4
writer:
    li   a0, line - writer
    li   a1, line_end - line
    li   a4, SYS_WRITE
    sys
    li   a0, line - writer          # nothing to write
    li   a1, 0
    li   a4, SYS_WRITE
    sys
    li   a0, 0
    li   a4, SYS_EXIT
    sys
line:
    .ascii "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    .ascii "0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    .ascii "the end of a line longer than the kernel's copy buffer\n"
line_end:
    .align 4
writer_end:

faulter:                            # a load far outside its region
    li   t0, 0x100000
    lw   t1, 0(t0)
faulter_end:
kernel_end:
