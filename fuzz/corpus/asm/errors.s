_start: addi a0, a0, 70000
        frob r1, r2
        lw a0, 4(r99)
        j nowhere
        .word
        .macro m
dup:    dup:
        li a0, 1/0
