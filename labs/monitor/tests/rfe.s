# rfe: pc <- epc, psw <- epsw (task 2), here staying in system mode.
.include "pg32.inc"

_start:
    la   t0, after
    csrw epc, t0
    li   t0, PSW_SYSTEM
    csrw epsw, t0
    li   a0, 1
    rfe                         # to after
    li   a0, 2                  # reached only when rfe falls through
    halt
after:
    addi a0, a0, 6              # a0 = 7
    csrr a1, psw                # a1 = 1: still system mode
    halt
hang:
    j    hang
