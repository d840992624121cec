# Trace test program: echoes its console input by polling, then halts.
# Two runs with different input differ first in what `in` reads.
.include "pg32.inc"

_start:
        in      t0, PORT_CONSOLE_STATUS
        andi    t1, t0, CONSOLE_READY
        bnez    t1, 1f
        andi    t1, t0, CONSOLE_ENDED
        beqz    t1, _start
        halt
1:      in      a0, PORT_CONSOLE_IN
        out     PORT_CONSOLE_OUT, a0
        j       _start
