# Enters user mode with rbase set but rbound left at 0: the first fetch
# in user mode traps with BOUNDS.
.include "pg32.inc"
.equ USER, 0x1000
_start: li   t0, USER
        csrw rbase, t0          # (and no csrw rbound)
        csrw epc, zero
        csrw epsw, zero
        rfe
        .org USER
        .user USER
        li   a4, SYS_EXIT
        sys
        .enduser
