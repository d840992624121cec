# paravirt/kernel.s: the paravirtual kernel, kernel.s with hooks-paravirt.inc.
# It replaces kernel.s when the folder comes first on the include path:
#   trapvm asm boot/NAME.s -I kernel/paravirt -I kernel -I user -o boot-paravirt-NAME.img
# so each boot configuration's paravirtual build is made from its own
# boot/NAME.s (guest-os/CMakeLists.txt), nothing copied. Run it with
# trapvm run --vmm=paravirt; bare, it stops at boot (hooks-paravirt.inc).

.include "pg32.inc"
.include "layout.inc"
.include "hooks-paravirt.inc"  # hypercalls instead of the flawed instructions and the per-byte console
.include "parts.s"
