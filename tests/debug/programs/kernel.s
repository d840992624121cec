# The debugger tests' kernel: it copies a user program to USER_BASE and runs
# it in user mode with R, takes timer interrupts (counting them in `ticks`),
# serves a system call that prints a0, and powers off (status = the cause)
# when the user program touches memory outside its R.
.include "pg32.inc"

.equ USER_BASE, 0x4000
.equ USER_SIZE, 0x400
.equ INTERVAL, 25                      # instructions between timer interrupts

_start:
        la      t0, trap_entry
        csrw    tvec, t0
        la      t0, user_begin
        la      t1, user_end
        li      t2, USER_BASE
copy:   bgeu    t0, t1, start_user
        lw      t3, 0(t0)
        sw      t3, 0(t2)
        addi    t0, t0, 4
        addi    t2, t2, 4
        j       copy
start_user:
        li      t0, USER_BASE
        csrw    rbase, t0
        li      t0, USER_SIZE
        csrw    rbound, t0
        li      t0, INTERVAL
        out     PORT_TIMER_INTERVAL, t0
        csrw    epc, zero              # the user program starts at its address 0
        li      t0, PSW_IE             # user mode, interrupts on
        csrw    epsw, t0
        rfe

# Saves t0 (in scratch) and t1, then dispatches on the cause.
trap_entry:
        csrw    scratch, t0
        la      t0, save_t1
        sw      t1, 0(t0)
        csrr    t1, cause
        li      t0, CAUSE_TIMER
        beq     t1, t0, on_timer
        li      t0, CAUSE_SYSCALL
        beq     t1, t0, on_syscall
        li      t0, '!'                # anything else: a fault; power off
        out     PORT_CONSOLE_OUT, t0
        li      t0, '\n'
        out     PORT_CONSOLE_OUT, t0
        out     PORT_POWER_OFF, t1

on_timer:
        out     PORT_TIMER_STATUS, zero    # acknowledge
        la      t0, ticks
        lw      t1, 0(t0)
        addi    t1, t1, 1
        sw      t1, 0(t0)
        j       restore

on_syscall:                            # print the user's a0
        out     PORT_CONSOLE_OUT, a0
        csrr    t0, epc
        addi    t0, t0, 4              # go on after the sys
        csrw    epc, t0

restore:
        la      t0, save_t1
        lw      t1, 0(t0)
        csrr    t0, scratch
        rfe

        .align  4
# The user program: position-independent. It counts in s0, keeps the count
# in its memory at 0x100, prints 'u' every 16, and ends with a BOUNDS fault.
user_begin:
        li      s0, 0
        li      s1, 0x100
1:      addi    s0, s0, 1
        sw      s0, 0(s1)
        andi    t0, s0, 15
        bnez    t0, 1b
        li      a0, 'u'
        sys
        li      t0, 64
        bltu    s0, t0, 1b
        lw      t0, 0x400(zero)        # outside R
user_end:

        .align  4
save_t1: .word  0
ticks:  .word   0
