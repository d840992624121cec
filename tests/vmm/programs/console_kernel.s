# Equivalence test kernel: console input by interrupt. The handler echoes
# each byte in upper case; at the end of input it powers off.
.include "pg32.inc"

_start:
        li      sp, 0x10000
        la      t0, handler
        csrw    tvec, t0
        li      t0, CONSOLE_IRQ_ENABLE
        out     PORT_CONSOLE_CTRL, t0
        li      t0, 97
        out     PORT_TIMER_INTERVAL, t0    # a timer too, to mix interrupts
        li      t0, PSW_SYSTEM | PSW_IE
        csrw    psw, t0
idle:   wfi
        j       idle

handler:
        csrr    t0, cause
        li      t1, CAUSE_TIMER
        bne     t0, t1, 1f
        out     PORT_TIMER_STATUS, zero
        rfe
1:      in      t0, PORT_CONSOLE_STATUS
        andi    t1, t0, CONSOLE_READY
        beqz    t1, ended
        in      a0, PORT_CONSOLE_IN
        li      t1, 'a'
        blt     a0, t1, 2f
        li      t1, 'z'
        bgt     a0, t1, 2f
        addi    a0, a0, 'A' - 'a'
2:      out     PORT_CONSOLE_OUT, a0
        rfe
ended:  li      a0, 0
        out     PORT_POWER_OFF, a0
