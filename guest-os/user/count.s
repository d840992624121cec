# count.s: counts to COUNT_TO, one line per number, doing some work
# (a busy loop of SPIN iterations) before each. Two copies side by side
# show preemption: their lines interleave, in the same order every run.
.include "ulib.s"

.equ COUNT_TO, 5
.equ SPIN,     5000            # 2 instructions each

main:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    call getpid
    mv   s0, a0                 # s0 = pid
    li   s1, 1                  # s1 = the number
1:  li   t0, SPIN               # work
2:  addi t0, t0, -1
    bnez t0, 2b
    la   a0, line
    mv   a1, s0
    mv   a2, s1
    call printf
    addi s1, s1, 1
    li   t0, COUNT_TO
    ble  s1, t0, 1b
    li   a0, 0
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    addi sp, sp, 12
    ret

    .data
line:
    .asciz "count (pid %d): %d\n"
