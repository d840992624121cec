# fact(5) called with callee-saved registers set: they must survive.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    li   s0, 11
    li   s1, 22
    li   s2, 33
    li   s3, 44
    li   a0, 5
    call fact
    halt
.include "mini.s"
