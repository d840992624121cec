# Unknown instructions: a did-you-mean when one is close, a hint when a
# lone word was probably meant as a label.
_start: ad a0, a1, a2
        lod a0, 0(sp)
        BEQZZ a0, _start
        loop
        halt
        word 5
