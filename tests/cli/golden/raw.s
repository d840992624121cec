# raw.s: two bytes at 0 and one at 8; --raw fills the gap with zeros.
        .byte 0x11, 0x22
        .org 8
        .byte 0x33
