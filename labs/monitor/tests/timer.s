# The guest sets its virtual timer and waits in wfi for three interrupts
# (tasks 3 and 5).
.include "pg32.inc"

_start:
    la   t0, handler
    csrw tvec, t0
    li   t0, 50
    out  PORT_TIMER_INTERVAL, t0
    li   s0, 0
    li   t0, 3                  # PSW_SYSTEM | PSW_IE
    csrw psw, t0
idle:
    wfi
    li   t0, 3
    blt  s0, t0, idle
    out  PORT_TIMER_INTERVAL, zero
    mv   a0, s0                 # a0 = 3 interrupts
    halt
hang:
    j    hang
handler:
    addi s0, s0, 1
    li   t1, 1
    out  PORT_TIMER_STATUS, t1  # acknowledge
    rfe
