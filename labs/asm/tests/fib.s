# fib(N) (-D N=...), called with the callee-saved registers set: a0 is the
# result, and sp and s0..s3 must be as before.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    li   s0, 0x5e0
    li   s1, 0x5e1
    li   s2, 0x5e2
    li   s3, 0x5e3
    li   a0, N
    call fib
    halt
.include "asm.s"
