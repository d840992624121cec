# Self-modifying code at every store width and every alignment, first in
# system mode, then in user mode behind an rbase whose low two bits are set
# (they read as 0: pg32-reference.md section 3). The slot is run once before
# each store, so a stale pre-decoded copy of it would show.
#
# Results, 8 words each, in kresults (system mode) and uresults (user mode):
#   1, 5, 0x105, 0x115, 0x1105, 0x1042, 0x42, 0x99
# then kresults[8] = rbase as read back (USER).
.include "pg32.inc"
.equ USER, 0x4000

# With s0 = the slot's address and s2 = where results go (as the running
# mode sees them): run the slot, then patch it with sb at offsets 0..3, sh at
# 0 and 2 and sw, running it after each store. The slot starts as
# `addi a0, zero, 1` (0x20300001, bytes 01 00 30 20).
.macro patch_all
        jalr ra, 0(s0)
        sw   a0, 0(s2)
        li   t0, 0x05           # byte 0: imm low -> addi a0, zero, 5
        sb   t0, 0(s0)
        jalr ra, 0(s0)
        sw   a0, 4(s2)
        li   t0, 0x01           # byte 1: imm high -> addi a0, zero, 0x105
        sb   t0, 1(s0)
        jalr ra, 0(s0)
        sw   a0, 8(s2)
        li   t0, 0x33           # byte 2: rd, rs1 -> addi a0, a0, 0x105
        sb   t0, 2(s0)
        li   a0, 0x10
        jalr ra, 0(s0)
        sw   a0, 12(s2)
        li   t0, 0x24           # byte 3: opcode -> ori a0, a0, 0x105
        sb   t0, 3(s0)
        li   a0, 0x1000
        jalr ra, 0(s0)
        sw   a0, 16(s2)
        li   t0, 0x42           # halfword 0 -> ori a0, a0, 0x42
        sh   t0, 0(s0)
        li   a0, 0x1000
        jalr ra, 0(s0)
        sw   a0, 20(s2)
        li   t0, 0x2030         # halfword 2 -> addi a0, zero, 0x42
        sh   t0, 2(s0)
        jalr ra, 0(s0)
        sw   a0, 24(s2)
        li   t0, 0x20300099     # the word -> addi a0, zero, 0x99
        sw   t0, 0(s0)
        jalr ra, 0(s0)
        sw   a0, 28(s2)
.endm

_start: la   t0, on_trap
        csrw tvec, t0
        la   s0, kslot
        la   s2, kresults
        patch_all
        li   t0, USER + 3       # reads back as USER
        csrw rbase, t0
        csrr a1, rbase
        sw   a1, 32(s2)
        li   t0, 0x1000
        csrw rbound, t0
        csrw epc, zero
        csrw epsw, zero
        rfe                     # to user address 0: physical USER
on_trap:
        halt                    # the user program's sys ends the run

        .align 4
kslot:  addi a0, zero, 1
        ret
kresults:
        .space 36

        .org USER
        la   s0, uslot - USER   # user addresses are physical minus USER
        la   s2, uresults - USER
        patch_all
        sys
uslot:  addi a0, zero, 1
        ret
uresults:
        .space 32
