# boot-flawed-silent-ie: the kernel built for the silent-ie profile (hooks-silent-ie.inc),
# running hello and a counter. Correct on bare hardware with that profile;
# under the monitor it is not, and `trapvm diff --bare-vs-vmm` shows where
# (isa-spec/virtualizability.md).
.include "pg32.inc"
.include "layout.inc"
.include "hooks-silent-ie.inc"
.include "parts.s"

.include "flawed-table.inc"
