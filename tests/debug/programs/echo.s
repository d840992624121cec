# The debugger tests' input program: console input by interrupt, echoed in
# upper case, with timer interrupts mixed in; powers off at the end of input.
.include "pg32.inc"

_start:
        la      t0, handler
        csrw    tvec, t0
        li      t0, CONSOLE_IRQ_ENABLE
        out     PORT_CONSOLE_CTRL, t0
        li      t0, 40
        out     PORT_TIMER_INTERVAL, t0
        li      t0, PSW_SYSTEM | PSW_IE
        csrw    psw, t0
idle:   wfi
        j       idle

handler:
        csrr    t0, cause
        li      t1, CAUSE_TIMER
        bne     t0, t1, input
        out     PORT_TIMER_STATUS, zero    # acknowledge
        rfe
input:  in      t0, PORT_CONSOLE_STATUS
        andi    t1, t0, CONSOLE_READY
        beqz    t1, ended
        in      a0, PORT_CONSOLE_IN
        li      t1, 'a'
        blt     a0, t1, 1f
        li      t1, 'z'
        bgt     a0, t1, 1f
        addi    a0, a0, 'A' - 'a'
1:      out     PORT_CONSOLE_OUT, a0
        rfe
ended:  li      a0, 0
        out     PORT_POWER_OFF, a0
