# Powers off with status 0x107: trapvm exits with its low 8 bits, 7.
.include "pg32.inc"
    li   a0, 0x107
    out  PORT_POWER_OFF, a0
    halt                        # never reached
