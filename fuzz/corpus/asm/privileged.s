.include "pg32.inc"
_start: la   t0, handler
        csrw tvec, t0
        li   t0, 0x1000
        csrw rbase, t0
        csrw rbound, t0
        csrr a0, psw
        li   t1, PSW_SYSTEM | PSW_IE
        csrw psw, t1
        in   a1, TIMER_NOW
        wfi
        sys
        brk
        rfe
handler:
        csrr t0, epc
        addi t0, t0, 4
        csrw epc, t0
        rfe
