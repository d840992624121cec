# boot-faults: one process for each kind of fault a user program can
# make; each is killed with its own message while the counter (pid 1)
# runs on.
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process count
    process badmem
    process badalign
    process badpriv
    process badinsn
    process baddiv
    process badbrk
    .word 0
    image count
    image badmem
    image badalign
    image badpriv
    image badinsn
    image baddiv
    image badbrk
kernel_end:                     # the end of the kernel image (boot.s checks it)
