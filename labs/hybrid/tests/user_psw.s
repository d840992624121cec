# Profile leaky-psw: a user program reads psw with rdpsw, which is not
# privileged and sensitive in user mode too (Theorem 3 fails on
# leaky-psw). Its kernel enters user mode with interrupts off; the hybrid
# monitor runs virtual user mode directly, in real user mode with the real
# interrupt-enable bit (the monitor's own timer needs it), so the user
# sees IE on where the bare machine shows it off: the run diverges at
# rdpsw, as the theorem predicts.
.include "pg32.inc"

.equ USER, 0x1000               # the user program's place: its rbase

_start:
    la   t0, handler
    csrw tvec, t0
    li   t0, USER
    csrw rbase, t0
    li   t0, 0x1000
    csrw rbound, t0
    csrw epc, zero              # the user program starts at its address 0 ...
    csrw epsw, zero             # ... in user mode, interrupts off
    rfe
handler:
    halt                        # a0: what the user read

    .org USER
user:
    rdpsw a0                    # bare: 0 (user mode, interrupts off)
    sys
