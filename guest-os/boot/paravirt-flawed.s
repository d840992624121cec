# boot-paravirt-flawed-NAME: the paravirtual kernel (kernel/paravirt/kernel.s:
# built with -I kernel/paravirt first) running the programs of the flawed
# profiles' boots, assembled for profile NAME. Under trapvm run
# --vmm=paravirt it prints what boot-flawed-NAME prints bare, on the profile
# whose flawed instruction the other build uses (tests/vmm/paravirt_test.cpp).
.include "kernel.s"
.include "flawed-table.inc"
