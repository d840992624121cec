# Undefined names: did-you-mean among the labels, and hints for names
# that are registers, ports or pg32.inc constants.
_start: j lop
loop:   li a0, count
        li a1, SYS_EXIT
        li a2, CONSOLE_OUT
        beq a0, a1, 1b
        j 2f
        addi a0, a0, t1
counter: .word 0
