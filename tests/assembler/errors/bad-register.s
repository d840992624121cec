        add r16, a0, a1
        add a0, x1, a1
        mv a5, a0
        lw a0, 0(spp)
        addi zero0, a0, 1
