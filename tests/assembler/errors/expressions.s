        .word 10 / (5 - 5)
        .word 7 % 0
        .word 1 << 70
        .word (1 + 2
        .word 1 +
        .word 0x
        .word 12ab
        .word %mid(4)
        .word 6 = 6
        .word 1 2
        li a0, 1 / 0
