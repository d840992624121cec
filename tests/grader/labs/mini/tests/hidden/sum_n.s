# Hidden: the sum of 1..N (-D N=...), built in memory and added by sum.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   t0, numbers
    li   t1, 1
    li   t2, N
fill:
    sw   t1, 0(t0)
    addi t0, t0, 4
    addi t1, t1, 1
    ble  t1, t2, fill
    la   a0, numbers
    li   a1, N
    call sum
    halt
.include "mini.s"
.align 4
numbers: .space 4 * N
