# Equivalence test kernel: idles in wfi between timer interrupts, both with
# interrupts enabled (the handler runs) and disabled (wfi just returns), and
# prints the tick counter each time.
.include "pg32.inc"

_start:
        li      sp, 0x10000
        la      t0, handler
        csrw    tvec, t0
        li      t0, 500
        out     PORT_TIMER_INTERVAL, t0
        li      s0, 0                  # interrupts handled
        li      s1, 4                  # rounds with interrupts on
1:      li      t0, PSW_SYSTEM | PSW_IE
        csrw    psw, t0
        wfi                            # the handler runs before the next instruction
        addi    s1, s1, -1
        bnez    s1, 1b
        li      t0, PSW_SYSTEM         # now with interrupts off
        csrw    psw, t0
        li      s1, 3
2:      wfi                            # returns once the timer is pending
        in      t0, PORT_TIMER_STATUS
        out     PORT_TIMER_STATUS, zero
        in      a0, PORT_TIMER_NOW
        jal     ra, print_tick
        addi    s1, s1, -1
        bnez    s1, 2b
        out     PORT_TIMER_INTERVAL, zero
        wfi                            # nothing can wake it: a deadlock, on purpose

handler:
        out     PORT_TIMER_STATUS, zero
        addi    s0, s0, 1
        in      a0, PORT_TIMER_NOW
        jal     ra, print_tick
        rfe

# prints a0 / 100 as a decimal number and a space
print_tick:
        li      t1, 100
        divu    a0, a0, t1
        li      t1, 10
        li      t2, 0                  # digits pushed
3:      remu    t3, a0, t1
        addi    t3, t3, '0'
        addi    sp, sp, -4
        sw      t3, 0(sp)
        addi    t2, t2, 1
        divu    a0, a0, t1
        bnez    a0, 3b
4:      lw      t3, 0(sp)
        addi    sp, sp, 4
        out     PORT_CONSOLE_OUT, t3
        addi    t2, t2, -1
        bnez    t2, 4b
        li      t3, ' '
        out     PORT_CONSOLE_OUT, t3
        ret
