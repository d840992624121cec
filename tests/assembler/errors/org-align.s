        nop
        nop
        .org 4
        .align 3
        .byte 1
        add a0, a0, a0
        .space later - here
here:
later:
        .org 0x100000000
