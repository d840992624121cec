# Data that looks like code under --vmm=patch (profile leaky-psw): words
# equal to rdpsw a0 (0x58300000) that are never run are data, whatever the
# monitor patches. One is in .data; one sits between instructions in .text,
# jumped over, where the machine pre-decodes it with the code around it;
# one is stored at run time. Each is read as a word and its opcode byte as
# a byte, and none may trap. Prints 58300000 and 00000058 for each.
.include "pg32.inc"

_start: la   s0, in_data
        call show
        j    1f
in_text:
        rdpsw a0                # jumped over: data in the middle of code
1:      la   s0, in_text
        call show
        la   t0, in_data
        lw   t0, 0(t0)
        la   s0, stored
        sw   t0, 0(s0)          # written at run time, read back
        call show
        halt

# Prints the word at s0 and its top byte.
show:   mv   s1, ra
        lw   a0, 0(s0)
        call puthex
        lbu  a0, 3(s0)
        call puthex
        jr   s1

.include "print.inc"

        .data
        .align 4
in_data:
        rdpsw a0
stored: .word 0
