# boot-flawed-leaky-psw: the kernel built for the leaky-psw profile (hooks-leaky-psw.inc),
# running hello and a counter. Correct on bare hardware with that profile;
# under the monitor it is not, and `trapvm diff --bare-vs-vmm` shows where
# (isa-spec/virtualizability.md).
.include "pg32.inc"
.include "layout.inc"
.include "hooks-leaky-psw.inc"
.include "parts.s"

.include "flawed-table.inc"
