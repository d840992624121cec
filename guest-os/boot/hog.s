# boot-hog: a process that spins without ever making a system call, and
# two counters that still get their turns and finish long before it does:
# preemption at work.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process hog
    process count
    process count
    .word 0
    image hog
    image count
kernel_end:                     # the end of the kernel image (boot.s checks it)
