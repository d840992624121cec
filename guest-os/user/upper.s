# upper.s: a filter. Reads the console and writes back what it read in
# upper case, until the end of input; then exits with status 0.
.include "ulib.s"

.equ BUF_SIZE, 64

main:
    addi sp, sp, -8
    sw   ra, 0(sp)
    sw   s0, 4(sp)
1:  la   a0, buf
    li   a1, BUF_SIZE
    call read                   # a0 = bytes read: 0 at the end, -1 error
    bge  zero, a0, 4f
    mv   s0, a0                 # s0 = count
    la   t0, buf                # upper-case buf[0..count)
    add  t1, t0, s0
2:  lbu  t2, 0(t0)
    li   t3, 'a'
    blt  t2, t3, 3f
    li   t3, 'z'
    bgt  t2, t3, 3f
    addi t2, t2, 'A' - 'a'
    sb   t2, 0(t0)
3:  addi t0, t0, 1
    bne  t0, t1, 2b
    la   a0, buf
    mv   a1, s0
    call write
    j    1b
4:  li   a0, 0
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    addi sp, sp, 8
    ret

    .data
buf:
    .space BUF_SIZE
