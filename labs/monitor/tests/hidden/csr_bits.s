# Hidden: a csr keeps only its writable bits (isa-spec/tables/csrs.tbl), as
# on the bare machine.
.include "pg32.inc"

_start:
    li   t0, -1
    csrw epsw, t0
    csrr a0, epsw               # a0 = 3: mode and IE only
    li   t0, 0x1003
    csrw epc, t0
    csrr a1, epc                # a1 = 0x1000: epc is word-aligned
    csrw rbound, t0
    csrr a2, rbound             # a2 = 0x1003: every bit of rbound is writable
    halt
hang:
    j    hang
