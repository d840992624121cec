# Regression (differential seed 2562): an interrupt taken with tvec = 0
# stops the machine, but the bare machine went on running the rest of the
# block (here an addi, then a sys that overwrote the stop record).
.include "pg32.inc"

_start: li      t0, 20
        out     TIMER_INTERVAL, t0
        li      t0, PSW_SYSTEM | PSW_IE
        csrw    psw, t0
        csrw    tvec, zero
1:      addi    a0, a0, 1           # the TIMER interrupt arrives in this loop
        j       1b
