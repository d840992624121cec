# A generated test program (trapvm hardening). Run it with
#   trapvm run --mem-size 64K --max-steps 20000 PROGRAM.s
#   trapvm run --mem-size 64K --max-steps 20000 --vmm --quantum 3 PROGRAM.s
.include "pg32.inc"

_start:
        la t0, handler
        csrw tvec, t0
        li s0, 0x4000
        li t0, 0x10000
        csrw rbound, t0
        li t0, 67
        out TIMER_INTERVAL, t0
        # the end
        li a0, 0x5157
        sys
        out POWER_OFF, a1
spin:
        j spin
handler:
        sw t0, 0x7f00(zero)
        sw t1, 0x7f04(zero)
        lw t0, 0x7f08(zero)
        addi t0, t0, 1
        sw t0, 0x7f08(zero)
        li t1, 200
        bltu t0, t1, h_cause
        out POWER_OFF, t0
h_cause:
        csrr t0, cause
        li t1, CAUSE_TIMER
        bne t0, t1, h_console
        out TIMER_STATUS, zero
        j h_return
h_console:
        li t1, CAUSE_CONSOLE
        bne t0, t1, h_syscall
        in t0, CONSOLE_IN
        addi t0, t0, 1
        bnez t0, h_return
        out CONSOLE_CTRL, zero
        j h_return
h_syscall:
        li t1, CAUSE_SYSCALL
        bne t0, t1, h_skip
        li t1, 0x5157
        bne a0, t1, h_skip
        csrr t0, epsw
        ori t0, t0, PSW_SYSTEM
        csrw epsw, t0
h_skip:
        csrr t0, epc
        addi t0, t0, 4
        csrw epc, t0
h_return:
        lw t0, 0x7f00(zero)
        lw t1, 0x7f04(zero)
        rfe
