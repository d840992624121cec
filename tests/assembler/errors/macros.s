.macro push reg
        addi sp, sp, -4
        sw \reg, 0(sp)
.endm
.macro bad a
        addi a0, a0, \b
.endm
.macro deep
        deep
.endm
        push a0, a1
        push
        push 70000
        deep
.endm
.macro add
.endm
.macro open
        nop
