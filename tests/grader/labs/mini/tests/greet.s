# Prints "length N\n" for the input line (without its newline), using strlen.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   s0, line
read:
    in   t0, PORT_CONSOLE_STATUS
    andi t1, t0, CONSOLE_READY
    bnez t1, take
    andi t1, t0, CONSOLE_ENDED
    bnez t1, got
    j    read
take:
    in   t0, PORT_CONSOLE_IN
    li   t1, '\n'
    beq  t0, t1, got
    sb   t0, 0(s0)
    addi s0, s0, 1
    j    read
got:
    sb   zero, 0(s0)
    la   a0, line
    call strlen
    mv   s1, a0
    la   a0, text
print:
    lbu  t0, 0(a0)
    beqz t0, number
    out  PORT_CONSOLE_OUT, t0
    addi a0, a0, 1
    j    print
number:
    li   t1, 10
    divu t0, s1, t1
    beqz t0, ones
    addi t0, t0, '0'
    out  PORT_CONSOLE_OUT, t0
ones:
    remu t0, s1, t1
    addi t0, t0, '0'
    out  PORT_CONSOLE_OUT, t0
    li   t0, '\n'
    out  PORT_CONSOLE_OUT, t0
    li   t0, 0
    halt
text: .asciz "length "
.align 4
line: .space 128
.include "mini.s"
