# Hypercalls with bad arguments, from virtual system mode, under
# --vmm=paravirt (tests/vmm/paravirt_test.cpp): each result goes to the
# next word of `results`. The VM has 1 MiB (the default); the bad buffers
# must come back -1 with nothing written, an unknown number must be the
# SYSCALL trap bare hardware gives, and every register but a0 must be kept.
.include "pg32.inc"

.equ MEMORY, 0x100000

_start:
        la      t0, trap_entry
        csrw    tvec, t0
        la      s1, results
        li      s0, 0x5a5a             # must survive every hypercall
        li      a0, MEMORY - 16        # 1: a buffer that runs past the VM's memory
        li      a1, 32
        call    console_write
        li      a0, 0                  # 2: a huge length
        li      a1, -1
        call    console_write
        li      a0, -16                # 3: buf + len wraps around 2^32 into memory
        li      a1, 32
        call    console_write
        la      a0, hello              # 4: nothing to write
        li      a1, 0
        call    console_write
        la      a0, hello              # 5: the one good write: "hello"
        li      a1, 5
        call    console_write
        li      a4, HCALL_GET_PSW      # 6: the virtual psw: system mode, interrupts off
        sys
        call    record
        li      t0, 0x4000
        csrw    rbase, t0
        li      a4, HCALL_GET_RBASE    # 7: the virtual rbase just set
        sys
        call    record
        li      a0, 7
        li      a4, 0x48ff             # 8: no such hypercall: the SYSCALL trap (trap_entry)
        sys
        call    record                 #    a0 as trap_entry left it: the cause
        sw      s0, 0(s1)              # 9: s0 kept
        li      a0, 0
        out     PORT_POWER_OFF, a0

console_write:
        li      a4, HCALL_CONSOLE_WRITE
        sys
record:
        sw      a0, 0(s1)
        addi    s1, s1, 4
        ret

# A trap: a0 = its cause, back after the sys.
trap_entry:
        csrr    a0, cause
        csrr    t0, epc
        addi    t0, t0, 4
        csrw    epc, t0
        rfe

hello:  .ascii "hello, and more that must not be printed"
        .align 4
results:
        .space 40
