# sleeper.s: sleeps three times and says each time how long it slept, by
# the clock of the kernel (uptime, in ticks). Pid p sleeps 3*p ticks, so
# two sleepers wake at different times. Sleeping costs no instructions:
# while every process sleeps, the kernel waits in wfi.
.include "ulib.s"

.equ ROUNDS, 3

main:
    addi sp, sp, -20
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    sw   s2, 12(sp)
    sw   s3, 16(sp)
    call getpid
    add  s0, a0, a0
    add  s0, s0, a0             # s0 = ticks to sleep = 3 * pid
    li   s1, ROUNDS             # s1 = rounds left
1:  call uptime
    mv   s2, a0                 # s2 = tick before
    mv   a0, s0
    call sleep
    call uptime
    mv   s3, a0                 # s3 = tick after
    call getpid
    mv   a1, a0
    la   a0, line
    mv   a2, s2
    mv   a3, s3
    call printf                 # sleeper 1: slept from tick 0 to tick 3
    addi s1, s1, -1
    bnez s1, 1b
    li   a0, 0
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    lw   s2, 12(sp)
    lw   s3, 16(sp)
    addi sp, sp, 20
    ret

    .data
line:
    .asciz "sleeper %d: slept from tick %d to tick %d\n"
