# boot-hello: one process says hello, and the machine powers off with
# its exit status, 0.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process hello
    .word 0
    image hello
kernel_end:                     # the end of the kernel image (boot.s checks it)
