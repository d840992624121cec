# boot-crunch: the benchmark workload (bench/). Two CPU-bound processes
# compute checksums side by side, preempted by the timer, and print them.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process crunch
    process crunch
    .word 0
    image crunch
kernel_end:                     # the end of the kernel image (boot.s checks it)
