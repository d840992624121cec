# .user ... .enduser: the base must be known, word-aligned and at or below
# the program; programs do not nest or switch sections; branches do not
# cross between user and kernel code; and every .user is ended.
.equ USER, 0x100
_start: j    task_entry         # kernel -> user: a jump cannot get there
        .user LATER             # defined further down
        .user NOWHERE           # never defined
        .user USER + 2          # not a word address
        .user 0x200             # above the program
        .enduser                # nothing open
        .org USER
        .user USER, task
task_entry:
        j    _start             # user -> kernel
        beq  a0, zero, task_entry
        .user USER              # nested
        .incimage "binary.inc"  # nested
        .data                   # a section switch
        .enduser
        .incimage "binary.inc"  # not an image
        .org 0x200
        .user 0x200, late       # never ended
_start2: nop
.equ LATER, 0x100
