# Correct system calls in a loop: the same sys at the same pc again and again,
# each returning to epc + 4. No hint may say "epc + 4" here.
.include "pg32.inc"
_start: la   t0, on_trap
        csrw tvec, t0
loop:   sys
        j    loop
on_trap:
        csrr t0, epc
        addi t0, t0, 4
        csrw epc, t0
        rfe
