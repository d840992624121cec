# A timer handler that never acknowledges the interrupt: as soon as it
# returns, the TIMER interrupt is taken again.
.include "pg32.inc"
_start: la   t0, on_timer
        csrw tvec, t0
        li   t0, 100
        out  TIMER_INTERVAL, t0
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
spin:   addi a0, a0, 1
        j    spin
on_timer:
        addi a1, a1, 1          # (no out TIMER_STATUS)
        rfe
