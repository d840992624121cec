# boot-flawed-jrst1: the kernel built for the jrst1 profile (hooks-jrst1.inc),
# running hello and a counter. Correct on bare hardware with that profile;
# under the trap-and-emulate monitor it is not, and `trapvm diff
# --bare-vs-vmm` shows where; under the hybrid monitor (--vmm=hybrid) it is
# (Theorem 3 holds: isa-spec/virtualizability.md).
.include "pg32.inc"
.include "layout.inc"
.include "hooks-jrst1.inc"
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
