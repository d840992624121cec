# hog.s: never gives up the processor. It spins for a long time without
# a single system call; only the timer interrupt lets others run. Then it
# says it is done and exits.
.include "ulib.s"

.equ SPIN, 100000               # 2 instructions each

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, start
    call printf
    li   t0, SPIN
1:  addi t0, t0, -1
    bnez t0, 1b
    la   a0, done
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
start:
    .asciz "hog: spinning, no system calls\n"
done:
    .asciz "hog: done\n"
