# .data placed over .text with .org, and .org in .data after data.
        nop
        nop
        .data
        .org 4
        .word 1
        .text
        .data
        .org 0x100
