# regs.s: every register but a0 survives a system call, and every register
# survives a timer interrupt (tasks 1-4).
#
# ROUNDS times, the process loads every register from `want` (a pattern
# made from PATTERN, with a4 = SYS_UPTIME), makes the system call, spins
# with a0 as its counter for longer than a quantum (so a TIMER interrupt
# comes in the middle), then stores every register in `got` and compares
# got with want, all but a0 (the result). It says which register changed:
#   regs: t1 changed across a system call or a timer interrupt
# and exits with status 1; else it prints "registers intact" and exits 0.
#
# lab.yaml gives PATTERN (hidden cases draw it at random). The user program
# is inline, after the kernel (see user_mode.s): it reaches its data with
# user addresses, label - user_start, from r0.
.include "kernel.s"

.equ ROUNDS, 12
.equ SPIN,   3000               # 2 instructions each: longer than a QUANTUM
.equ WANT,   want - user_start  # user addresses
.equ GOT,    got - user_start

    .data
    .align 4
boot_table:
    .word user_start, user_end  # pid 1
    .word 0

    .align 4
user_start:
    li   s0, ROUNDS
    sw   s0, rounds - user_start(zero)
round:
    lw   ra, WANT + 4(zero)     # every register from want
    lw   sp, WANT + 8(zero)
    lw   a0, WANT + 12(zero)
    lw   a1, WANT + 16(zero)
    lw   a2, WANT + 20(zero)
    lw   a3, WANT + 24(zero)
    lw   a4, WANT + 28(zero)    # SYS_UPTIME
    lw   t0, WANT + 32(zero)
    lw   t1, WANT + 36(zero)
    lw   t2, WANT + 40(zero)
    lw   t3, WANT + 44(zero)
    lw   s0, WANT + 48(zero)
    lw   s1, WANT + 52(zero)
    lw   s2, WANT + 56(zero)
    lw   s3, WANT + 60(zero)
    sys                         # a0 = uptime; nothing else may change
    li   a0, SPIN               # a TIMER interrupt comes in here
1:  addi a0, a0, -1
    bnez a0, 1b
    sw   ra, GOT + 4(zero)      # every register to got
    sw   sp, GOT + 8(zero)
    sw   a1, GOT + 16(zero)
    sw   a2, GOT + 20(zero)
    sw   a3, GOT + 24(zero)
    sw   a4, GOT + 28(zero)
    sw   t0, GOT + 32(zero)
    sw   t1, GOT + 36(zero)
    sw   t2, GOT + 40(zero)
    sw   t3, GOT + 44(zero)
    sw   s0, GOT + 48(zero)
    sw   s1, GOT + 52(zero)
    sw   s2, GOT + 56(zero)
    sw   s3, GOT + 60(zero)
    li   t0, 1                  # t0 = the register number
2:  li   t1, 3                  # (a0 holds the result)
    beq  t0, t1, 3f
    add  t1, t0, t0
    add  t1, t1, t1             # t1 = 4 * t0
    lw   t2, WANT(t1)
    lw   t3, GOT(t1)
    bne  t2, t3, changed
3:  addi t0, t0, 1
    li   t1, 16
    blt  t0, t1, 2b
    lw   s0, rounds - user_start(zero)
    addi s0, s0, -1
    sw   s0, rounds - user_start(zero)
    bnez s0, round
    li   a0, intact - user_start
    jal  ra, puts
    li   a0, 0
    li   a4, SYS_EXIT
    sys

changed:                        # register number t0 changed
    mv   s0, t0
    li   a0, msg_changed - user_start
    jal  ra, puts
    add  a0, s0, s0
    addi a0, a0, names - user_start
    li   a1, 2
    li   a4, SYS_WRITE
    sys                         # its name
    li   a0, msg_across - user_start
    jal  ra, puts
    li   a0, 1
    li   a4, SYS_EXIT
    sys

puts:                           # puts(a0 = user address of a string)
    li   a1, 0                  # a1 = its length
1:  add  t0, a0, a1
    lbu  t0, 0(t0)
    beqz t0, 2f
    addi a1, a1, 1
    j    1b
2:  li   a4, SYS_WRITE
    sys
    ret

    .align 4
want:                           # r0 (unused), then r1..r15
    .word 0
    .word (PATTERN * 1) & 0xffffffff, (PATTERN * 2) & 0xffffffff, (PATTERN * 3) & 0xffffffff
    .word (PATTERN * 4) & 0xffffffff, (PATTERN * 5) & 0xffffffff, (PATTERN * 6) & 0xffffffff
    .word SYS_UPTIME
    .word (PATTERN * 8) & 0xffffffff, (PATTERN * 9) & 0xffffffff, (PATTERN * 10) & 0xffffffff
    .word (PATTERN * 11) & 0xffffffff, (PATTERN * 12) & 0xffffffff, (PATTERN * 13) & 0xffffffff
    .word (PATTERN * 14) & 0xffffffff, (PATTERN * 15) & 0xffffffff
got:
    .space 64
rounds:
    .word 0
names:
    .ascii "r0rasp"
    .ascii "a0a1a2a3a4"
    .ascii "t0t1t2t3"
    .ascii "s0s1s2s3"
intact:
    .asciz "registers intact\n"
msg_changed:
    .asciz "regs: "
msg_across:
    .asciz " changed across a system call or a timer interrupt\n"
    .align 4
user_end:
kernel_end:
