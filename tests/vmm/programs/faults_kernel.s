# Equivalence test kernel: a user program raises every kind of exception;
# the kernel prints the cause as a letter and the low byte of badaddr as two
# hex digits, then skips the faulting instruction. A fetch outside R ends it.
.include "pg32.inc"

.equ USER_BASE, 0x4000
.equ USER_SIZE, 0x1000

_start:
        la      t0, trap_entry
        csrw    tvec, t0
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
        csrw    epc, zero
        csrw    epsw, zero             # user mode, interrupts off
        rfe

trap_entry:
        csrr    t1, cause
        addi    a0, t1, 'A' - 1        # SYSCALL=A BREAKPOINT=B ILLEGAL=C PRIVILEGED=D BOUNDS=E ...
        out     PORT_CONSOLE_OUT, a0
        csrr    t2, badaddr
        srli    a0, t2, 4
        andi    a0, a0, 0xf
        jal     ra, hexdigit
        andi    a0, t2, 0xf
        jal     ra, hexdigit
        li      a0, ' '
        out     PORT_CONSOLE_OUT, a0
        li      t3, CAUSE_BOUNDS
        bne     t1, t3, skip
        csrr    t3, epc                # a fetch outside R: epc == badaddr
        beq     t3, t2, done
skip:   csrr    t3, epc
        addi    t3, t3, 4
        csrw    epc, t3
        rfe

hexdigit:
        addi    a0, a0, '0'
        li      t3, '9'
        ble     a0, t3, 1f
        addi    a0, a0, 'a' - '0' - 10
1:      out     PORT_CONSOLE_OUT, a0
        ret

done:   li      a0, '\n'
        out     PORT_CONSOLE_OUT, a0
        halt

        .align  4
user_begin:
        li      t0, 0x1234
        lw      t1, 0x1000(zero)       # BOUNDS: load at the bound
        sw      t0, 0x0ffe(zero)       # MISALIGNED before BOUNDS
        sw      t0, 0x0ffc(zero)       # the last word: fine
        lhu     t1, 0x0ffe(zero)       # fine
        sb      t0, 0x1000(zero)       # BOUNDS: store at the bound
        div     t1, t0, zero           # DIVIDE
        brk                            # BREAKPOINT
        .word   0                      # ILLEGAL
        .word   0x26000020             # ILLEGAL: slli with shamt 32
        csrr    t1, psw                # PRIVILEGED
        out     PORT_CONSOLE_OUT, t0   # PRIVILEGED
        halt                           # PRIVILEGED
        sys                            # SYSCALL
        li      t2, 0x22
        jalr    ra, 0(t2)              # MISALIGNED target
        li      t2, 0x1000
        jr      t2                     # BOUNDS on fetch, at the bound: the end
user_end:
