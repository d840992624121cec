# An adversarial guest kernel: it tries everything a guest might use to
# escape its virtual machine or disturb the others. On bare hardware with
# MEM bytes of memory every attempt traps or stays inside that memory; under
# the monitor it must be exactly the same.
#
# The trap handler counts traps in s0 and resumes at the address in s3.
.include "pg32.inc"

.equ MEM, 0x100000              # its memory: 1 MiB, the default

        .macro  attempt resume
        la      s3, \resume
        .endm

_start:
        li      sp, 0x8000
        la      t0, handler
        csrw    tvec, t0
        li      s0, 0
        li      t1, 0xdeadbeef

        # 1. Stores past the end of its memory (into the next VM's region,
        #    if the monitor got it wrong), in system mode.
        attempt 1f
        li      t0, MEM
        sw      t1, 0(t0)
1:      attempt 1f
        li      t0, MEM + 0x1000
        sw      t1, 0(t0)
1:      attempt 1f
        li      t0, 0xfffffffc
        sw      t1, 0(t0)
1:      attempt 1f
        li      t0, MEM - 4
        sw      t1, 0(t0)              # its own last word: allowed
        li      t0, MEM - 2
        sh      t1, 0(t0)              # allowed
        sw      t1, 0(t0)              # MISALIGNED

        # 2. Jumps outside its memory.
1:      attempt 1f
        li      t0, MEM
        jr      t0
1:      attempt 1f
        li      t0, 0xfffffff0
        jr      t0

        # 3. An R that reaches past its memory, then user mode. The user
        #    code sits in its last 256 bytes and stores just past them.
1:      la      t0, user_code
        li      t2, MEM - 0x100
        lw      t3, 0(t0)
        sw      t3, 0(t2)
        lw      t3, 4(t0)
        sw      t3, 4(t2)
        lw      t3, 8(t0)
        sw      t3, 8(t2)
        csrw    rbase, t2
        li      t0, 0x1000
        csrw    rbound, t0
        attempt 1f
        csrw    epc, zero
        csrw    epsw, zero
        rfe                            # user mode: the store traps, then sys
1:      attempt 1f
        li      t0, MEM                # R entirely past its memory
        csrw    rbase, t0
        csrw    epc, zero
        csrw    epsw, zero
        rfe                            # the first fetch traps
1:      attempt 1f
        li      t0, 0xffffff00         # R whose end wraps around 2^32
        csrw    rbase, t0
        li      t0, 0x200
        csrw    rbound, t0
        csrw    epc, zero
        csrw    epsw, zero
        rfe

        # 4. Every privileged instruction with hostile operands.
1:      li      t1, -1
        csrw    psw, t1                # system mode and IE: allowed, nothing pending
        attempt 1f
        csrw    psw, zero              # user mode from csrw: the next fetch traps (R wraps)
        nop
1:      li      t1, -1
        csrw    epc, t1
        csrw    epsw, t1
        csrw    cause, t1
        csrw    badaddr, t1
        csrw    scratch, t1
        csrw    rbase, t1
        csrw    rbound, t1
        csrr    t2, epc
        csrr    t2, epsw
        csrr    t2, rbase
        la      t0, handler
        csrw    tvec, t1
        csrr    t2, tvec               # 0xfffffffc: bits 1:0 never stick
        csrw    tvec, t0
        li      t2, 0                  # every port from 0 to 0xff, except power
2:      li      t3, PORT_POWER_OFF
        beq     t2, t3, 3f
        li      t3, PORT_CONSOLE_OUT
        beq     t2, t3, 3f
        li      t3, PORT_CONSOLE_CTRL
        beq     t2, t3, 3f
        jal     ra, poke_port
3:      addi    t2, t2, 1
        li      t3, 0x100
        bltu    t2, t3, 2b
        out     PORT_TIMER_INTERVAL, zero

        # 5. rfe with hostile epsw and epc.
        attempt 1f
        la      t0, 1f
        csrw    epc, t0
        li      t0, -1
        csrw    epsw, t0
        rfe                            # to 1f, system mode, IE on
1:      attempt 4f
        csrw    psw, zero              # and back to user mode (R still wrapped)
        nop

        # 6. Done: report the traps and power off with their count.
4:      li      t0, PSW_SYSTEM
        csrw    psw, t0
        addi    a0, s0, '0'
        out     PORT_CONSOLE_OUT, a0
        li      a0, '\n'
        out     PORT_CONSOLE_OUT, a0
        out     PORT_POWER_OFF, s0
        halt

# in from the port in t2, then out all ones to it
poke_port:
        slli    t3, t2, 0
        # build "in t3, port" and "out port, t1" on the fly: ports are
        # immediates, so write the instructions and run them
        la      t0, poke
        lui     t3, 0x6590            # in t1, 0 (0x65900000) ... as words:
        or      t3, t3, t2
        sw      t3, 0(t0)
        lui     t3, 0x6690            # out 0, t1 (0x66900000)
        or      t3, t3, t2
        sw      t3, 4(t0)
        li      t1, -1
poke:   .word   0                     # in t1, PORT (written above)
        .word   0                     # out PORT, t1 (written above)
        ret

# Counts the trap and resumes at s3 in system mode, interrupts off.
handler:
        addi    s0, s0, 1
        csrw    epc, s3
        li      t0, PSW_SYSTEM
        csrw    epsw, t0
        rfe

user_code:
        sw      t1, 0x100(zero)        # just past its memory: BOUNDS
        sys
        .word   0
