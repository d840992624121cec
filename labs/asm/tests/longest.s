# longest of one of three arrays of strings (-D WHICH=0..2), called with
# the callee-saved registers set: a0 is the longest length, and sp and
# s0..s3 must be as before.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    li   s0, 0x5e0
    li   s1, 0x5e1
    li   s2, 0x5e2
    li   s3, 0x5e3
    la   t0, lists
    lw   a0, WHICH * 8(t0)      # the array of strings
    lw   a1, WHICH * 8 + 4(t0)  # how many
    call longest
    halt
.align 4
lists:  .word words, 4, none, 0, blanks, 3
words:  .word s_pg, s_virtualization, s_trap, s_emulate
blanks: .word s_empty, s_empty, s_trap
none:
s_pg:             .asciz "PG32"
s_virtualization: .asciz "virtualization"
s_trap:           .asciz "trap"
s_emulate:        .asciz "and emulate"
s_empty:          .asciz ""
.align 4
.include "asm.s"
