# uses.s: needs -I inc (for defs.inc) and -D N=VALUE.
.include "defs.inc"
        li a0, N + OFFSET
