# asm.s assembles with a program around it (it holds functions only).
.include "pg32.inc"
_start:
    halt
.include "asm.s"
