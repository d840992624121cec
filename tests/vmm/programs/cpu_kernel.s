# The CPU-bound twin of timer_kernel.s: the same kernel with a coarse timer,
# and a user program that makes a system call only every 16384 iterations.
.include "pg32.inc"

.equ USER_BASE, 0x8000         # where the user program lives, physically
.equ USER_SIZE, 0x1000         # its R bound
.equ TICKS, 30                 # timer interrupts before power-off
.equ INTERVAL, 10000           # instructions between timer interrupts

_start:
        la      t0, trap_entry
        csrw    tvec, t0
        # copy the user program to USER_BASE
        la      t0, user_begin
        la      t1, user_end
        li      t2, USER_BASE
1:      bgeu    t0, t1, 2f
        lw      t3, 0(t0)
        sw      t3, 0(t2)
        addi    t0, t0, 4
        addi    t2, t2, 4
        j       1b
2:      li      t0, USER_BASE
        csrw    rbase, t0
        li      t0, USER_SIZE
        csrw    rbound, t0
        li      t0, INTERVAL
        out     PORT_TIMER_INTERVAL, t0
        csrw    epc, zero              # the user program starts at its address 0
        li      t0, PSW_IE             # user mode, interrupts on
        csrw    epsw, t0
        rfe

# Saves three registers (t0 in scratch), then dispatches on the cause.
trap_entry:
        csrw    scratch, t0
        la      t0, save
        sw      t1, 0(t0)
        sw      t2, 4(t0)
        sw      a0, 8(t0)
        csrr    t1, cause
        li      t2, CAUSE_TIMER
        beq     t1, t2, on_timer
        li      t2, CAUSE_SYSCALL
        beq     t1, t2, on_syscall
        li      a0, 'F'                # anything else: should not happen here
        out     PORT_CONSOLE_OUT, a0
        li      a0, 99
        out     PORT_POWER_OFF, a0

on_timer:
        out     PORT_TIMER_STATUS, zero    # acknowledge
        la      t1, ticks
        lw      t2, 0(t1)
        addi    t2, t2, 1
        sw      t2, 0(t1)
        li      a0, '.'
        out     PORT_CONSOLE_OUT, a0
        li      t1, TICKS
        bgeu    t2, t1, finish
        j       restore

on_syscall:                            # print the character in the user's a0
        lw      a0, 8(t0)
        out     PORT_CONSOLE_OUT, a0
        csrr    t1, epc
        addi    t1, t1, 4              # go on after the sys
        csrw    epc, t1

restore:
        la      t0, save
        lw      t1, 0(t0)
        lw      t2, 4(t0)
        lw      a0, 8(t0)
        csrr    t0, scratch
        rfe

finish:
        li      a0, '\n'
        out     PORT_CONSOLE_OUT, a0
        li      a0, 7
        out     PORT_POWER_OFF, a0

        .align  4
# The user program: position-independent, registers only.
user_begin:
        li      s0, 0
1:      addi    s0, s0, 1
        andi    t0, s0, 0x3fff
        bnez    t0, 1b
        li      a0, 'u'
        sys
        j       1b
user_end:

        .align  4
save:   .space  12
ticks:  .word   0
