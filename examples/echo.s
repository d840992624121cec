# echo.s: copy the console input to the console output.
#
# The program polls the console: it asks CONSOLE_STATUS whether a byte is
# READY (take it with CONSOLE_IN and print it) or whether input has ENDED
# (no byte will ever come: stop).
#
#     echo "hi there" | trapvm run examples/echo.s
#     trapvm run examples/echo.s --input some-file.txt

.include "pg32.inc"

_start:
poll:
    in   t0, PORT_CONSOLE_STATUS
    andi t1, t0, CONSOLE_READY
    bnez t1, take_byte
    andi t1, t0, CONSOLE_ENDED
    bnez t1, done
    j    poll                   # neither yet: ask again
take_byte:
    in   t0, PORT_CONSOLE_IN    # the next input byte, 0..255
    out  PORT_CONSOLE_OUT, t0
    j    poll
done:
    halt
