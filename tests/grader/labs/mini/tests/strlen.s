# strlen of one of three strings (-D WHICH=0..2); a0 is the length.
.include "pg32.inc"
_start:
    li   sp, 0x8000
    la   t0, strings
    lw   a0, WHICH * 4(t0)
    call strlen
    halt
.align 4
strings: .word hello, empty, letters
hello:   .asciz "hello"
empty:   .asciz ""
letters: .asciz "abcdefghijklmnopqrstuvwxyz"
.align 4
.include "mini.s"
