# Regression: a trap handler whose first instruction traps made the machine
# trap forever without retiring an instruction, so --max-steps never ended
# the run and the monitor starved every other VM (a 3-line denial of
# service on a shared grader). The machine and the monitor now stop it as
# a deadlock: the third trap would change nothing.
.include "pg32.inc"

_start: li      t0, 0xfff0          # zeros there: an ILLEGAL word
        csrw    tvec, t0
        sys
