# boot-flawed-leaky-psw: the kernel built for the leaky-psw profile (hooks-leaky-psw.inc),
# running hello and a counter. Correct on bare hardware with that profile;
# under the monitor it is not, and `trapvm diff --bare-vs-vmm` shows where
# (isa-spec/virtualizability.md).
.include "pg32.inc"
.include "layout.inc"
.include "hooks-leaky-psw.inc"
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
