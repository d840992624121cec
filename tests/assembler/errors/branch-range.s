_start: beq a0, a1, far
        bnez a0, _start + 2
        jal ra, 0x400000
        j 0x3
        .org 0x40000
far:    halt
