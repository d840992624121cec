.include "pg32.inc"
        li a0, OWN_PG32
