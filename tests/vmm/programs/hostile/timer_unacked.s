# Hostile: a timer interrupt that is never acknowledged. The handler returns
# at once with interrupts on, the interrupt is still pending, so the monitor
# injects it again before the guest runs a single instruction of its own.
.include "pg32.inc"
_start: la   t0, handler
        csrw tvec, t0
        li   t0, 1
        out  TIMER_INTERVAL, t0
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
idle:   j    idle
handler:
        rfe
