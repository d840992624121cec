# An idle loop in wfi whose timer handler acknowledges each interrupt: the
# same TIMER at the same pc again and again. No hint may say "acknowledge".
.include "pg32.inc"
_start: la   t0, on_timer
        csrw tvec, t0
        li   t0, 100
        out  TIMER_INTERVAL, t0
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
idle:   wfi
        j    idle
on_timer:
        out  TIMER_STATUS, zero
        rfe
