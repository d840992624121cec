# divzero.s: a trap with no handler.
#
# Dividing by zero traps with cause DIVIDE. This program never sets tvec,
# so tvec still holds its reset value 0, which means "no trap handler".
# Instead of jumping to address 0, the machine stops, and trapvm reports
# the cause and the pc of the div and exits with status 125.
#
#     trapvm run examples/divzero.s; echo "exit status $?"

.include "pg32.inc"

_start:
    la   t0, message
next_char:
    lbu  t1, 0(t0)
    beqz t1, divide
    out  PORT_CONSOLE_OUT, t1
    addi t0, t0, 1
    j    next_char
divide:
    li   a0, 42
    li   a1, 0
    div  a2, a0, a1             # traps: DIVIDE, and no handler is installed
    halt                        # never reached

.data
message:
    .asciz "dividing 42 by 0...\n"
