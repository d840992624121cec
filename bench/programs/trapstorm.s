# Benchmark: a trap-heavy guest. A user program makes COUNT system calls;
# each one runs the kernel's handler, which reads and writes privileged
# registers (csrr, csrw) and returns with rfe: under the monitor, every one
# of those is an exit. A CPU-light worst case for a trap-and-emulate monitor.
.include "pg32.inc"

.equ USER_BASE, 0x10000

_start:
        la      t0, handler
        csrw    tvec, t0
        la      t0, user                # place the user program
        li      t1, USER_BASE
        lw      t2, 0(t0)
        sw      t2, 0(t1)
        lw      t2, 4(t0)
        sw      t2, 4(t1)
        lw      t2, 8(t0)
        sw      t2, 8(t1)
        lw      t2, 12(t0)
        sw      t2, 12(t1)
        csrw    rbase, t1
        li      t1, 0x1000
        csrw    rbound, t1
        li      s0, COUNT
        csrw    epc, zero
        csrw    epsw, zero
        rfe

handler:
        csrr    t0, epc                # exit: emulated
        addi    t0, t0, 4
        csrw    epc, t0                # exit: emulated
        addi    s0, s0, -1
        beqz    s0, done
        rfe                            # exit: emulated
done:   halt

        .align  4
user:   sys                            # exit: reflected
        j       user
        nop
        nop
