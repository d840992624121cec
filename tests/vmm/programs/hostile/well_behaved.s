# The well-behaved guest of the fairness test: a CPU-bound loop that asks
# for the time now and then (one exit per 64 iterations), then powers off.
.include "pg32.inc"
.equ ITERATIONS, 40000
_start: li   t0, ITERATIONS
        li   t1, 0
loop:   addi t1, t1, 3
        andi t2, t0, 63
        bnez t2, 1f
        in   t3, TIMER_NOW
1:      addi t0, t0, -1
        bnez t0, loop
        li   a0, 0
        out  POWER_OFF, a0
