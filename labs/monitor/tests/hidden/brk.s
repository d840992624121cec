# Hidden: a brk in virtual system mode traps to the guest's own handler
# too (every trap but PRIVILEGED in system mode is reflected), and the
# handler may return with rfe to the instruction after it.
.include "pg32.inc"

_start:
    la   t0, handler
    csrw tvec, t0
    li   a0, 0
    brk
    addi a0, a0, 10             # a0 = 11: back after the brk
    halt
hang:
    j    hang
handler:
    csrr a1, cause              # a1 = CAUSE_BREAKPOINT (2)
    csrr a2, epsw               # a2 = 1: it came from system mode
    addi a0, a0, 1
    csrr t0, epc
    addi t0, t0, 4
    csrw epc, t0
    rfe
