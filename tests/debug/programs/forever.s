# A program that never stops: for Ctrl-C and --max-steps.
.include "pg32.inc"

_start:
        li      s0, 0
spin:   addi    s0, s0, 1
        j       spin
