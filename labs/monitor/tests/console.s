# in and out: the guest echoes its console input, then powers off with
# status 3 (task 3).
.include "pg32.inc"

_start:
    in   t0, PORT_CONSOLE_IN
    li   t1, -1
    beq  t0, t1, done           # no byte: the input has ended
    out  PORT_CONSOLE_OUT, t0
    j    _start
done:
    li   t0, 3
    out  PORT_POWER_OFF, t0
hang:
    j    hang
