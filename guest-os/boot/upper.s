# boot-upper: the upper-case filter alone. Give it input with
# `trapvm run boot-upper.img --input FILE`; it stops at the end of input.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process upper
    .word 0
    image upper
kernel_end:                     # the end of the kernel image (boot.s checks it)
