# Hostile: a guest kernel gives its user program an rbound far larger than
# the VM's memory, and the program stores past the end of the VM, where the
# next VM's memory is. The monitor must clip R to the VM's region, so the
# store traps (task 3).
.include "pg32.inc"

.equ MEMORY, 0x10000            # the lab's mem_size: 64 KiB per VM

_start:
    la   t0, handler
    csrw tvec, t0
    csrw rbase, zero
    li   t0, -1
    csrw rbound, t0             # "all of memory", and more
    la   t0, user
    csrw epc, t0
    csrw epsw, zero
    rfe
handler:
    csrr a1, cause              # a1 = CAUSE_BOUNDS (5), not CAUSE_SYSCALL
    csrr a3, badaddr            # a3 = the first address past the VM
    halt
hang:
    j    hang
user:
    li   t0, MEMORY
    li   t1, 0x0badf00d
    li   t2, 4096
scribble:
    sw   t1, 0(t0)              # into the next VM, if the monitor lets it
    addi t0, t0, 4
    addi t2, t2, -1
    bnez t2, scribble
    sys                         # "done": the store was not stopped
