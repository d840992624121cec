# Regression (differential seeds 954, 955): `in r0, port` read a value the
# bare machine reported in its port-access record, but the monitor
# reported 0 (the emulated write to r0 was dropped before it was recorded).
.include "pg32.inc"

_start: li      t0, 117
        out     TIMER_INTERVAL, t0
        in      r0, TIMER_INTERVAL      # reads 117 into nowhere; the trace says 117
        in      zero, CONSOLE_STATUS
        csrr    zero, tvec
        halt
