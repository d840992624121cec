# A kernel that traps in system mode: a brk and a system call, each taken
# by its own handler, which counts it and returns past it. Under the
# hybrid monitor the kernel is interpreted, so each trap comes from the
# interpreter and must reach the guest's handler as on the bare machine.
.include "pg32.inc"

_start:
    la   t0, handler
    csrw tvec, t0
    li   s0, 0
    brk
    sys
    li   t1, 3
    mv   a0, s0                 # a0 = 2 traps taken
    csrr a1, cause              # a1 = the last cause, SYSCALL
    halt
handler:
    addi s0, s0, 1
    csrr t0, epc
    addi t0, t0, 4
    csrw epc, t0
    rfe
