# boot-badptr: system calls with bad pointers and lengths return -1 and
# the kernel goes on. Run it with --input /dev/null (or any input).
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process badptr
    .word 0
    image badptr
kernel_end:                     # the end of the kernel image (boot.s checks it)
