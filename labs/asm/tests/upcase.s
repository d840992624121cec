# Reads a line of console input (up to 200 bytes, without its newline),
# calls upcase on it and prints it with a newline.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   s0, line
    li   s1, 200                # room left
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
    beqz s1, read
    sb   t0, 0(s0)
    addi s0, s0, 1
    addi s1, s1, -1
    j    read
got:
    sb   zero, 0(s0)
    la   a0, line
    call upcase
    la   s0, line
print:
    lbu  t0, 0(s0)
    beqz t0, done
    out  PORT_CONSOLE_OUT, t0
    addi s0, s0, 1
    j    print
done:
    li   t0, '\n'
    out  PORT_CONSOLE_OUT, t0
    halt
.align 4
line: .space 204
.include "asm.s"
