# boot-flawed-jrst1: the kernel built for the jrst1 profile (hooks-jrst1.inc),
# running hello and a counter. Correct on bare hardware with that profile;
# under the trap-and-emulate monitor it is not, and `trapvm diff
# --bare-vs-vmm` shows where; under the hybrid monitor (--vmm=hybrid) it is
# (Theorem 3 holds: isa-spec/virtualizability.md).
.include "pg32.inc"
.include "layout.inc"
.include "hooks-jrst1.inc"
.include "parts.s"

.include "flawed-table.inc"
