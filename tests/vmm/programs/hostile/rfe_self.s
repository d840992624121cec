# Hostile: an rfe that returns to itself, in virtual system mode. Bare, it
# retires an instruction per step; under the monitor every one is an exit,
# and not one instruction runs directly.
.include "pg32.inc"
_start: la   t0, spin
        csrw epc, t0
        li   t0, PSW_SYSTEM
        csrw epsw, t0
spin:   rfe
