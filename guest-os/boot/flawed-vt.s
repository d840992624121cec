# boot-flawed-vt: the kernel built for the vt profile (hooks-vt.inc), running
# hello, a counter and redpill, a user program that reads its real region
# base with rdrbase in user mode. Correct on bare hardware with that profile;
# not under trap-and-emulate (the kernel's flaws) nor, where the VM does not
# lie at real address 0, under the hybrid monitor (redpill's flaw, in user
# mode); equivalent under --vmm=hardware (isa-spec/virtualizability.md).
.include "pg32.inc"
.include "layout.inc"
.include "hooks-vt.inc"
.include "parts.s"

.include "flawed-table-vt.inc"
