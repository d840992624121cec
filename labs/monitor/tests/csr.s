# csr: csrw and csrr on the virtual privileged registers, in virtual system
# mode (task 1). The monitor lab's tests end in `halt` and then a loop, so
# a halt not yet written (task 3) does not change the registers checked.
.include "pg32.inc"

_start:
    li   t0, 0x1234
    csrw scratch, t0
    csrr a0, scratch            # a0 = 0x1234
    li   t0, 0x2000
    csrw rbase, t0
    csrr a1, rbase              # a1 = 0x2000
    csrr a2, psw                # a2 = 1: system mode, interrupts off
    halt
hang:
    j    hang
