# boot-paravirt-flawed-vt: boot-flawed-vt's programs (hello, a counter and
# redpill) on the paravirtual kernel, assembled for vt: what --vmm=paravirt
# runs in place of boot-flawed-vt (see paravirt-flawed.s).
.include "kernel.s"

.include "flawed-table-vt.inc"
