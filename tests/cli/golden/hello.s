# hello.s: print a message on the console, then power off with status 0.
.include "pg32.inc"

        .text
_start: la   a1, msg                # a1 walks the string
loop:   lbu  a0, 0(a1)
        beqz a0, done
        out  CONSOLE_OUT, a0
        addi a1, a1, 1
        j    loop
done:   li   a0, 0
        out  POWER_OFF, a0

        .data
msg:    .asciz "Hello, PG32!\n"
        .align 4
count:  .word 3
