# Hostile: a timer that expires at every tick while interrupts stay off.
# Each instruction ends a budget at the virtual timer's deadline, and the
# interrupt stays pending, never taken: the monitor's books turn at every
# instruction without one exit.
.include "pg32.inc"
_start: li   t0, 1
        out  TIMER_INTERVAL, t0
count:  addi s0, s0, 1
        j    count
