# boot-bad: two bad processes are killed while two counters run on to
# the end. Pid 1 is one of the bad ones, so the machine's exit status is
# the status of a killed process: -1, which trapvm reports as 255.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process badmem
    process count
    process badpriv
    process count
    .word 0
    image badmem
    image count
    image badpriv
kernel_end:                     # the end of the kernel image (boot.s checks it)
