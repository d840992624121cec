        add a0, a1
        add a0, a1, a2, a3
        halt a0
        lw a0
        addi a0, a1,
        add a0,, a1
        .space
        .text 5
