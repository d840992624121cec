# sum.s: add up 1 + 2 + ... + 100 in a loop and print the result.
#
# The machine has no "print a number" instruction: the console only takes
# bytes. So print_decimal turns the sum into the characters '5' '0' '5' '0'.
#
#     trapvm run examples/sum.s

.include "pg32.inc"

.equ LAST, 100                  # add the numbers 1..LAST
.equ TEN, 10                    # we print in decimal

_start:
    li   s0, 0                  # s0: the sum so far
    li   s1, 1                  # s1: the next number to add
    li   s2, LAST
add_next:
    add  s0, s0, s1
    addi s1, s1, 1
    ble  s1, s2, add_next       # go on while s1 <= LAST

    la   a0, text
    call print_string           # "1 + 2 + ... + 100 = "
    mv   a0, s0
    call print_decimal          # "5050"
    li   t0, '\n'
    out  PORT_CONSOLE_OUT, t0
    halt

# print_string: print the 0-terminated string at address a0.
# Changes t0 and a0.
print_string:
    lbu  t0, 0(a0)
    beqz t0, string_done
    out  PORT_CONSOLE_OUT, t0
    addi a0, a0, 1
    j    print_string
string_done:
    ret

# print_decimal: print a0 as an unsigned decimal number.
# Dividing by ten gives the digits lowest first (5050 -> 0, 5, 0, 5), so
# they are stored from the end of a buffer backwards, then printed from
# the first one. Changes t0, t1, t2 and a0.
print_decimal:
    la   t0, digits_end         # t0: where the last digit stored is
    li   t1, TEN
next_digit:
    remu t2, a0, t1             # the lowest digit, 0..9
    addi t2, t2, '0'            # as a character: '0'..'9'
    addi t0, t0, -1
    sb   t2, 0(t0)
    divu a0, a0, t1             # drop that digit
    bnez a0, next_digit         # (checked after one digit, so 0 prints "0")
print_digit:
    lbu  t2, 0(t0)              # digits_end holds a 0: the end of the digits
    beqz t2, decimal_done
    out  PORT_CONSOLE_OUT, t2
    addi t0, t0, 1
    j    print_digit
decimal_done:
    ret

.data
text:
    .asciz "1 + 2 + ... + 100 = "
digits:
    .space 10                   # the largest 32-bit number, 4294967295, has 10 digits
digits_end:
    .byte 0
