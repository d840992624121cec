# boot-sleep: two sleepers. Most of the time both sleep at once, and the
# kernel idles in wfi until a tick wakes one of them.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process sleeper
    process sleeper
    .word 0
    image sleeper
kernel_end:                     # the end of the kernel image (boot.s checks it)
