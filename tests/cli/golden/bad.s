# bad.s: three mistakes students make, and a warning.
_start: addi a0, a0, 70000
        ad   a0, a1, a2
        beq  a0, a1, lop
loop:   add  zero, a0, a1
