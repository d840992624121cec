# Hostile: `sys` whose handler is a lone rfe. rfe returns to the sys itself
# (the handler forgot epc + 4), so it traps again: two exits per step, none
# of them the real timer's.
.include "pg32.inc"
_start: la   t0, handler
        csrw tvec, t0
again:  sys
handler:
        rfe
