# Self-modifying code under --vmm=patch (profile leaky-psw): a slot
# overwritten with rdpsw, a sensitive unprivileged instruction, must trap
# to the monitor from its next run on; overwritten with an innocuous one it
# must run directly again. The slot is rewritten by a whole word and by its
# opcode byte alone, and run after each store; the last store overwrites the
# very next instruction, in the middle of straight-line code. Prints a0 after
# each run of the slot:
#   00000007 (addi), 00000001 (rdpsw: system mode, interrupts off), 00000000
#   (addi a0, zero, 0), 00000001 three times (rdpsw), 00000007, 00000001
.include "pg32.inc"

_start: la   s0, slot
        jalr ra, 0(s0)          # addi a0, zero, 7
        call puthex
        la   t0, rdpsw_a0
        lw   t0, 0(t0)
        sw   t0, 0(s0)          # the whole word: rdpsw a0
        jalr ra, 0(s0)
        call puthex
        li   t0, 0x20
        sb   t0, 3(s0)          # the opcode byte: addi a0, zero, 0
        jalr ra, 0(s0)
        call puthex
        li   t0, 0x58
        sb   t0, 3(s0)          # and back: rdpsw a0, patched again
        li   s1, 3
1:      jalr ra, 0(s0)          # patched once, trapping every time
        call puthex
        addi s1, s1, -1
        bnez s1, 1b
        la   t0, addi_a0_7
        lw   t0, 0(t0)
        sw   t0, 0(s0)          # innocuous again: runs directly
        jalr ra, 0(s0)
        call puthex
        la   t0, rdpsw_a0
        lw   t0, 0(t0)
        la   t1, next
        sw   t0, 0(t1)          # the next instruction but one, in this block
        nop
next:   addi a0, zero, 9        # never runs: rdpsw a0 by now
        call puthex
        halt

slot:   addi a0, zero, 7
        ret

.include "print.inc"

        .align 4
rdpsw_a0:
        rdpsw a0
addi_a0_7:
        addi a0, zero, 7
