loop:   nop
        nop
loop:   halt
.equ size, 4
.equ size, 8
size:   nop
