# A guest kernel that writes over all of its memory past its code, again
# and again: its right, in its own VM (task 2).
.include "pg32.inc"

.equ MEMORY, 0x10000            # the lab's mem_size: 64 KiB per VM

_start:
    li   s0, 10
pass:
    la   t0, arena
    li   t1, MEMORY
    li   t2, 0x3c3c3c3c
write:
    sw   t2, 0(t0)
    addi t0, t0, 4
    bltu t0, t1, write
    addi s0, s0, -1
    bnez s0, pass
    halt
hang:
    j    hang
    .align 4
arena:
