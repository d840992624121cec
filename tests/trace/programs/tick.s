# Trace test kernel: waits in wfi for one timer interrupt, handles it, and
# halts. Its traces show idle time and an interrupt (injected, under the
# monitor).
.include "pg32.inc"

_start:
        la      t0, on_timer
        csrw    tvec, t0
        li      t0, 20
        out     PORT_TIMER_INTERVAL, t0
        li      t0, PSW_SYSTEM | PSW_IE
        csrw    psw, t0
        wfi                            # the handler runs before the next instruction
        halt

on_timer:
        out     PORT_TIMER_STATUS, zero    # acknowledge
        out     PORT_TIMER_INTERVAL, zero  # and stop the timer
        in      a0, PORT_TIMER_NOW
        rfe
