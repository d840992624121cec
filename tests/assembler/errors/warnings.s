# Warnings do not stop the image; they are reported with the errors.
        add zero, a0, a1
        jal zero, next
next:   .byte 1
        .align 2
        .half 7
        .word 5
        .align 4
.equ CONSOLE_OUT, 5
