# A hypercall made from virtual user mode (tests/vmm/paravirt_test.cpp):
# under --vmm=paravirt it must be the guest's own system call, reflected to
# its kernel, never served by the monitor. The kernel powers off with the
# trap's cause, and sets bit 8 of the status if the trap came from user mode.
.include "pg32.inc"

_start:
        la      t0, trap_entry
        csrw    tvec, t0
        la      t0, user                # the user program runs where it lies, R around it
        csrw    rbase, t0
        li      t0, 64
        csrw    rbound, t0
        csrw    epc, zero
        csrw    epsw, zero              # user mode, interrupts off
        rfe

trap_entry:
        csrr    a0, cause
        csrr    t0, epsw
        andi    t0, t0, PSW_SYSTEM
        bnez    t0, 1f
        ori     a0, a0, 0x100           # from user mode
1:      out     PORT_POWER_OFF, a0

        .align 4
user:                                   # user address 0
        li      a0, oops - user         # a user address
        li      a1, 4
        li      a4, HCALL_CONSOLE_WRITE
        sys
1:      j       1b                      # not reached: the kernel powers off
oops:   .ascii  "oops"
