# halt stops this VM (task 3).
.include "pg32.inc"

_start:
    li   a0, 1
    halt
    li   a0, 99                 # reached only when halt does nothing
hang:
    j    hang
