.equ N, 10
.equ MASK, (1 << 4) - 1 | %hi(0x12345678)
        .macro push reg
        addi sp, sp, -4
        sw   \reg, 0(sp)
        .endm
        .macro pop reg
        lw   \reg, 0(sp)
        addi sp, sp, 4
        .endm
_start: li sp, 0x8000
        push ra
1:      addi t0, t0, 1
        blt  t0, zero, 1b
        bgt  t0, t1, 1f
1:      pop ra
        call f
        halt
f:      li a0, N*4 + 'a'
        ret
