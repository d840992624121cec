# boot-flawed-lab-virt-a: the kernel built for the lab-virt-a profile (hooks-lab-virt-a.inc),
# running hello and a counter: the virtualizability lab's kernel (labs/virt).
# Correct on bare hardware with that profile; under the monitor, see for
# yourself with `trapvm diff --bare-vs-vmm`.
.include "pg32.inc"
.include "layout.inc"
.include "hooks-lab-virt-a.inc"
.include "parts.s"

    .data
    .align 4
boot_table:                     # pid 1, 2, ... in this order
    process hello
    process count
    .word 0
    image hello
    image count
kernel_end:                     # the end of the kernel image (boot.s checks it)
