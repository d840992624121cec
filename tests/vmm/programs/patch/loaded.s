# Code loaded at run time under --vmm=patch (profile leaky-psw): a routine
# containing rdpsw, assembled as data and never run where it is, is copied
# to a buffer and called there, then to a second buffer, then to the user
# program's memory and called in user mode; an innocuous routine loaded
# over the first copy runs directly. Prints a0 after each call:
#   00000001 (the first copy: system mode, interrupts off), 00000001 (the
#   second), 00000005 (the innocuous one over the first), 00000000 (the copy
#   in user memory: user mode, interrupts off)
.include "pg32.inc"
.equ USER, 0x4000
.equ LOADED, 0x100              # where the user's copy goes, in its memory

_start: la   t0, on_trap
        csrw tvec, t0
        la   a0, sensitive
        la   a1, buffer
        call copy
        la   t0, buffer
        jalr ra, 0(t0)
        call puthex
        la   a0, sensitive
        la   a1, buffer2
        call copy
        la   t0, buffer2
        jalr ra, 0(t0)
        call puthex
        la   a0, innocuous
        la   a1, buffer
        call copy
        la   t0, buffer
        jalr ra, 0(t0)
        call puthex
        la   a0, sensitive
        li   a1, USER + LOADED
        call copy
        li   t0, USER
        csrw rbase, t0
        li   t0, 0x1000
        csrw rbound, t0
        csrw epc, zero
        csrw epsw, zero         # user mode, interrupts off
        rfe

on_trap:                        # the user program's sys
        mv   a0, s1
        call puthex
        halt

# Copies the two-word routine at a0 to a1.
copy:   lw   t0, 0(a0)
        sw   t0, 0(a1)
        lw   t0, 4(a0)
        sw   t0, 4(a1)
        ret

.include "print.inc"

        .data
        .align 4
sensitive:                      # data until it is copied and called
        rdpsw a0
        ret
innocuous:
        addi a0, zero, 5
        ret
buffer: .space 8
buffer2:
        .space 8

        .text
        .org USER
        li   t0, LOADED
        jalr ra, 0(t0)          # the routine the kernel loaded
        mv   s1, a0
        sys
