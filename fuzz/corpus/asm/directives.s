        .text
_start: nop
        .align 16
        .data
        .org 0x200
w:      .word 1, -1, 0xffffffff, w
h:      .half 0x1234, -2
b:      .byte 'x', '\n', 255
s:      .ascii "a\tb\x41\"", "c"
        .asciz "z\0"
        .space 8, 0xaa
        .align 4
