# The patches are hidden: a guest that reads its own code sees the words it
# wrote, though under --vmm=patch each rdpsw traps to the monitor (profile
# leaky-psw). The kernel runs rdpsw, loads that instruction's word and its
# opcode byte and compares the word with a twin assembled as data; then a
# user program does the same in user mode, with interrupts off, where the
# real psw (interrupts on, for the monitor's timer) differs from the virtual
# one. Prints, for each: the psw read, the word, the opcode byte, "hidden".
.include "pg32.inc"
.equ USER, 0x4000

_start: la   t0, on_trap
        csrw tvec, t0
kprobe: rdpsw s1                # bare: 00000001 (system mode, interrupts off)
        la   t0, kprobe
        lw   s2, 0(t0)          # the word of a patched instruction
        lbu  s3, 3(t0)          # and its opcode byte
        la   t0, ktwin
        lw   s0, 0(t0)
        call report
        li   t0, USER
        csrw rbase, t0
        li   t0, 0x1000
        csrw rbound, t0
        csrw epc, zero
        csrw epsw, zero         # user mode, interrupts off
        rfe

on_trap:                        # the user program's sys: its registers are still there
        call report
        halt

# Prints s1, s2, s3 and whether s2 (the code's word) is s0 (its twin's).
report: mv   a1, ra
        mv   a0, s1
        call puthex
        mv   a0, s2
        call puthex
        mv   a0, s3
        call puthex
        la   a0, msg_hidden
        beq  s2, s0, 1f
        la   a0, msg_visible
1:      call puts
        jr   a1

.include "print.inc"

        .data
msg_hidden:
        .asciz "hidden\n"
msg_visible:
        .asciz "VISIBLE\n"

        .text
ktwin:  rdpsw s1                # never run: data that looks like code

        .org USER
uprobe: rdpsw s1                # bare: 00000000 (user mode, interrupts off)
        la   t0, uprobe - USER
        lw   s2, 0(t0)
        lbu  s3, 3(t0)
        la   t0, utwin - USER
        lw   s0, 0(t0)
        sys
utwin:  rdpsw s1
