# A guest kernel runs a user program that makes two system calls and then
# tries `halt`, which is privileged in user mode: each trap must reach the
# guest's own handler, as on the bare machine (task 4).
.include "pg32.inc"

.equ USER, 0x1000               # the user program's place: its rbase

_start:
    la   t0, handler
    csrw tvec, t0
    li   t0, USER
    csrw rbase, t0
    li   t0, 0x1000
    csrw rbound, t0
    csrw epc, zero              # the user program starts at its address 0 ...
    csrw epsw, zero             # ... in user mode
    li   s0, 0
    rfe
handler:
    csrr t0, cause
    li   t1, CAUSE_SYSCALL
    bne  t0, t1, other
    addi s0, s0, 1              # one more system call
    csrr t0, epc
    addi t0, t0, 4
    csrw epc, t0
    rfe
other:
    mv   a0, s0                 # a0 = 2 system calls
    mv   a1, t0                 # a1 = CAUSE_PRIVILEGED (4)
    csrr a2, epc                # a2 = 12: the user's halt
    csrr a3, epsw               # a3 = 0: it was in user mode
    halt
hang:
    j    hang

    .org USER
user:
    sys
    sys
    li   s1, 42                 # the kernel sees the user's registers
    halt
