.equ A, B + 1
.equ B, A + 1
.equ C, 1
.equ C, 2
.equ t0, 5
.equ BIG, 0x100000000
.equ D, undefined_thing
