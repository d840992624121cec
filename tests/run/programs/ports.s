# Reads and writes a port no device owns: a warning, not an error.
.equ NO_DEVICE, 0x7777
    in   a0, NO_DEVICE
    out  NO_DEVICE, a0
    halt
