# boot-mix: four processes share the processor. Hello finishes first; the
# two counters' lines interleave as the timer switches between them; the
# CPU-bound prime counter finishes last.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process hello
    process count
    process count
    process primes
    .word 0
    image hello
    image count
    image primes
kernel_end:                     # the end of the kernel image (boot.s checks it)
