# jrst under --vmm=patch (profile jrst1, like the PDP-10's JRST 1): from
# system mode it jumps and enters user mode, sensitive though not
# privileged. The kernel first jrst's to a misaligned address (MISALIGNED,
# nothing changed), then into the user program at its address 0; the user
# program jrst's once more, a plain jump from user mode, and makes a system
# call. The trap handler prints cause, badaddr and epc of each trap, then
# the user program's s1:
#   00000006 00000002 00000020 (the misaligned jrst, at its own pc)
#   00000001 00000000 00000018 (the user program's sys, at its user pc)
#   00000012
.include "pg32.inc"
.equ USER, 0x4000

_start: la   t0, on_trap
        csrw tvec, t0
        li   t0, USER
        csrw rbase, t0
        li   t0, 0x1000
        csrw rbound, t0
        li   t0, 2                 # (s3 is 0 from reset: the first trap)
        jrst t0                 # MISALIGNED
phase2: jrst zero               # user mode, at the user program's address 0

on_trap:
        csrr a0, cause
        call puthex
        csrr a0, badaddr
        call puthex
        csrr a0, epc
        call puthex
        bnez s3, 1f
        li   s3, 1
        j    phase2
1:      mv   a0, s1
        call puthex
        halt

.include "print.inc"

        .org USER
        li   s1, 0x11
        la   t0, uskip - USER
        jrst t0                 # from user mode: a plain jump
        li   s1, 0xbad
uskip:  addi s1, s1, 1
        sys
