# Jumps to an address where there is no code: the hint must not say the
# program ran past its end, since it did not.
.include "pg32.inc"
_start: li   t0, 0x100
        jr   t0
        halt
