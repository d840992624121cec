# The debugger tests' first program: nested calls, a loop, a variable in
# memory and console output. System mode on the bare machine, no interrupts.
.include "pg32.inc"

_start:
        li      sp, 0x10000
        li      s0, 0                  # i
loop:
        mv      a0, s0
        call    square                 # a0 = i * i
        la      t0, total
        lw      t1, 0(t0)
        add     t1, t1, a0
        sw      t1, 0(t0)              # total += i * i
        addi    s0, s0, 1
        li      t0, 4
        blt     s0, t0, loop
        la      a0, message
        call    print
        halt

# a0 = a0 * a0, through a helper, so that calls nest.
square:
        addi    sp, sp, -4
        sw      ra, 0(sp)
        mv      a1, a0
        call    multiply
        lw      ra, 0(sp)
        addi    sp, sp, 4
        ret

multiply:
        mul     a0, a0, a1
        ret

# Prints the NUL-terminated string at a0.
print:
        lbu     t0, 0(a0)
        beqz    t0, 1f
        out     PORT_CONSOLE_OUT, t0
        addi    a0, a0, 1
        j       print
1:      ret

        .align  4
total:  .word   0
message:
        .asciz  "sum of squares: done\n"
