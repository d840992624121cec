# hello.s: print a message, then power off.
.include "pg32.inc"
        .text
_start: la   a1, msg
loop:   lbu  a0, 0(a1)
        beqz a0, done
        out  CONSOLE_OUT, a0
        addi a1, a1, 1
        j    loop
done:   li   a0, 0
        out  POWER_OFF, a0
        .data
msg:    .asciz "Hello, PG32!\n"
