        .ascii "unterminated
        .ascii "bad \q escape"
        .ascii "bad \x escape"
        .byte 'ab'
        .byte ''
        .byte 'x
        .asciz 5
