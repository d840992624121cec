# strlen of one of three strings (-D WHICH=0..2): a0 is its length.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   t0, strings
    lw   a0, WHICH * 4(t0)
    call strlen
    halt
.align 4
strings: .word hello, empty, long
hello:   .asciz "hello"
empty:   .asciz ""
long:    .asciz "The quick brown fox jumps over the lazy dog, 0123456789 times."
.align 4
.include "asm.s"
