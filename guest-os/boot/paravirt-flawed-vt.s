# boot-paravirt-flawed-vt: boot-flawed-vt's programs (hello, a counter and
# redpill) on the paravirtual kernel, assembled for vt: what --vmm=paravirt
# runs in place of boot-flawed-vt (see paravirt-flawed.s).
.include "kernel.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process hello
    process count
    process redpill
    .word 0
    image hello
    image count
    image redpill
kernel_end:                     # the end of the kernel image (boot.s checks it)
