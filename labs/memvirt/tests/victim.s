# A guest that minds its own memory: it fills a buffer, then checks it
# again and again over many time slices, and says whether it stayed as it
# left it. Beside another guest, it tells a monitor that gives two VMs the
# same memory (task 2) or lets a guest out of its own (task 3).
.include "pg32.inc"

.equ WORDS, 1024
.equ ROUNDS, 40

_start:
    la   t0, buffer
    li   t1, WORDS
    li   t2, 0x5a5a0000
fill:
    add  t3, t2, t1
    sw   t3, 0(t0)
    addi t0, t0, 4
    addi t1, t1, -1
    bnez t1, fill
    li   s0, ROUNDS
round:
    la   t0, buffer
    li   t1, WORDS
check:
    lw   t3, 0(t0)
    add  s1, t2, t1
    bne  t3, s1, changed
    addi t0, t0, 4
    addi t1, t1, -1
    bnez t1, check
    addi s0, s0, -1
    bnez s0, round
    la   a0, intact
    call print
    li   a0, 0
    halt
changed:
    la   a0, broken
    call print
    li   a0, 1
    halt
hang:
    j    hang

print:
    lbu  t0, 0(a0)
    beqz t0, printed
    out  PORT_CONSOLE_OUT, t0
    addi a0, a0, 1
    j    print
printed:
    ret

    .data
intact:
    .asciz "victim: my memory is as I left it\n"
broken:
    .asciz "victim: my memory changed under me\n"
    .align 4
buffer:
    .space WORDS * 4
