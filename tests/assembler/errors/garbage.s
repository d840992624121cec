        add a0, a1, a2 a3
        nop nop
        lw a0, 4(sp) + 1
        li a0, 5 6
        .word 1, 2 @
        halt # a comment is fine
        halt ; so is this
