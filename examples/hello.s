# hello.s: the smallest PG32 program that says something.
#
# It sends "Hello, world!" to the console one byte at a time, then halts.
#
#     trapvm run examples/hello.s

.include "pg32.inc"             # names for ports, causes and bits

_start:                         # the machine starts here (in system mode)
    la   t0, message            # t0 points at the next byte to print
next_char:
    lbu  t1, 0(t0)              # load one byte
    beqz t1, done               # a 0 byte ends the string (.asciz put it there)
    out  PORT_CONSOLE_OUT, t1   # the console prints the byte
    addi t0, t0, 1              # move on to the next byte
    j    next_char
done:
    halt                        # stop the machine; trapvm exits with status 0

.data
message:
    .asciz "Hello, world!\n"
