# boot-flawed-lab-virt-a: the kernel built for the lab-virt-a profile (hooks-lab-virt-a.inc),
# running hello and a counter: the virtualizability lab's kernel (labs/virt).
# Correct on bare hardware with that profile; under the monitor, see for
# yourself with `trapvm diff --bare-vs-vmm`.
.include "pg32.inc"
.include "layout.inc"
.include "hooks-lab-virt-a.inc"
.include "parts.s"

.include "flawed-table.inc"
