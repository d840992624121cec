# Prints "hi", then forgets to halt: the machine runs on into zeroed memory.
.include "pg32.inc"
_start: li   a0, 'h'
        out  CONSOLE_OUT, a0
        li   a0, 'i'
        out  CONSOLE_OUT, a0
