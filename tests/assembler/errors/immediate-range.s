        addi a0, a0, 70000
        addi a0, a0, -32769
        andi a0, a0, -1
        ori a0, a0, 65536
        slli a0, a0, 32
        srai a0, a0, -1
        lui a0, 0x10000
        lw a0, 40000(sp)
        out 70000, a0
        .word 0x100000000
        .half -32769
        .byte 256
