# Trace test kernel: one user program, relocated by R, makes one system
# call to print a character, stores a word, then ends with a second call.
# Small on purpose: its traces are golden files (tests/trace/golden).
.include "pg32.inc"

.equ USER_BASE, 0x1000         # where the user program lives, physically
.equ LETTER, 'K'               # what the user program prints

_start:
        la      t0, on_trap
        csrw    tvec, t0
        li      t0, USER_BASE
        csrw    rbase, t0
        li      t0, 0x100
        csrw    rbound, t0
        la      t0, user_begin         # copy the user program (two words at a time)
        li      t1, USER_BASE
        li      t2, (user_end - user_begin) / 4
1:      lw      t3, 0(t0)
        sw      t3, 0(t1)
        addi    t0, t0, 4
        addi    t1, t1, 4
        addi    t2, t2, -1
        bnez    t2, 1b
        csrw    epc, zero              # the user program starts at its address 0
        csrw    epsw, zero             # user mode, interrupts off
        rfe

on_trap:                               # a0 = 0: power off; else print a0
        beqz    a0, 2f
        out     PORT_CONSOLE_OUT, a0
        csrr    t0, epc
        addi    t0, t0, 4              # go on after the sys
        csrw    epc, t0
        rfe
2:      out     PORT_POWER_OFF, zero

        .align  4
user_begin:
        li      a0, LETTER
        sys
        sw      a0, 0x80(zero)         # relocated: lands at USER_BASE + 0x80
        li      a0, 0
        sys
user_end:
