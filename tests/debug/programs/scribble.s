# Overwrites memory for the checkpoints' budget: one word in every 4 KiB
# page from the end of the program to the end of memory, pass after pass,
# each pass a new value. The store past the end of memory traps (BOUNDS);
# the handler starts the next pass; after PASSES passes it halts.
.include "pg32.inc"

.equ PASSES, 6

_start:
        la      t0, next_pass
        csrw    tvec, t0
        li      s0, 0                  # the pass, and the value it writes
        li      s1, 4096
next_pass:
        addi    s0, s0, 1
        li      t1, PASSES + 1
        beq     s0, t1, done
        la      t0, pages
1:      sw      s0, 0(t0)              # BOUNDS past the end of memory
        add     t0, t0, s1
        j       1b
done:   halt

        .align  4096
pages:
