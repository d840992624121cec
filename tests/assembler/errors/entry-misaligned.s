# The entry point must be a word address: the machine fetches only from those.
        .text
main:   halt
        .data
        .byte 1
_start: .byte 2
