# Benchmark for the debugger: a memory-heavy program that writes every word
# of memory after itself in turn, pass after pass, each pass a new value
# (3 instructions a word), for ever. END, the memory size, comes from the
# command line: trapvm debug sweep.s -D END=0x100000.
.include "pg32.inc"

_start:
        li      s0, 0                  # the pass, and the value it writes
        li      s1, END
pass:   addi    s0, s0, 1
        la      t0, words
1:      sw      s0, 0(t0)
        addi    t0, t0, 4
        bltu    t0, s1, 1b
        j       pass

        .align  4
words:
