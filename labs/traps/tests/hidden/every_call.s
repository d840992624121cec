# every_call.s (hidden): every system call, and numbers no call has, with a
# pattern in every register: after each, every register but a0 is as it
# was, and the call returns to the instruction after its sys. Prints
# "registers intact after every call" and exits 0, or names the register
# and the call and exits 1.
#
# Inline user program after the kernel, user addresses label - user_start
# (see the lab's tests/user_mode.s).
.include "kernel.s"

.equ WANT,  want - user_start
.equ GOT,   got - user_start
.equ CALLS, calls - user_start
.equ NCALLS, (calls_end - calls) / 12

    .data
    .align 4
boot_table:
    .word user_start, user_end  # pid 1
    .word 0

    .align 4
user_start:
    li   s0, 0
    sw   s0, index - user_start(zero)
call:
    lw   t0, index - user_start(zero)
    add  t1, t0, t0
    add  t1, t1, t0
    add  t1, t1, t1
    add  t1, t1, t1             # t1 = 12 * index
    lw   t2, CALLS(t1)          # this call's a4, a0, a1 go into want
    sw   t2, WANT + 28(zero)
    lw   t2, CALLS + 4(t1)
    sw   t2, WANT + 12(zero)
    lw   t2, CALLS + 8(t1)
    sw   t2, WANT + 16(zero)
    lw   ra, WANT + 4(zero)
    lw   sp, WANT + 8(zero)
    lw   a0, WANT + 12(zero)
    lw   a1, WANT + 16(zero)
    lw   a2, WANT + 20(zero)
    lw   a3, WANT + 24(zero)
    lw   a4, WANT + 28(zero)
    lw   t0, WANT + 32(zero)
    lw   t1, WANT + 36(zero)
    lw   t2, WANT + 40(zero)
    lw   t3, WANT + 44(zero)
    lw   s0, WANT + 48(zero)
    lw   s1, WANT + 52(zero)
    lw   s2, WANT + 56(zero)
    lw   s3, WANT + 60(zero)
    sys
    sw   ra, GOT + 4(zero)
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
    li   t0, 1                  # compare all but a0
2:  li   t1, 3
    beq  t0, t1, 3f
    add  t1, t0, t0
    add  t1, t1, t1
    lw   t2, WANT(t1)
    lw   t3, GOT(t1)
    bne  t2, t3, changed
3:  addi t0, t0, 1
    li   t1, 16
    blt  t0, t1, 2b
    lw   t0, index - user_start(zero)
    addi t0, t0, 1
    sw   t0, index - user_start(zero)
    li   t1, NCALLS
    blt  t0, t1, call
    li   a0, intact - user_start
    jal  ra, puts
    li   a0, 0
    li   a4, SYS_EXIT
    sys

changed:                        # register t0 changed in call number index
    mv   s0, t0
    li   a0, msg_changed - user_start
    jal  ra, puts
    add  a0, s0, s0
    addi a0, a0, names - user_start
    li   a1, 2
    li   a4, SYS_WRITE
    sys
    li   a0, msg_in_call - user_start
    jal  ra, puts
    lw   t0, index - user_start(zero)
    addi t0, t0, 'a'
    sb   t0, letter - user_start(zero)
    li   a0, letter - user_start
    jal  ra, puts
    li   a0, 1
    li   a4, SYS_EXIT
    sys

puts:                           # puts(a0 = user address of a string)
    li   a1, 0
1:  add  t0, a0, a1
    lbu  t0, 0(t0)
    beqz t0, 2f
    addi a1, a1, 1
    j    1b
2:  li   a4, SYS_WRITE
    sys
    ret

    .align 4
calls:                          # a4, a0, a1 of each call (a, b, c, ...)
    .word SYS_GETPID, 0x33333333, 0x44444444
    .word SYS_UPTIME, 0x33333333, 0x44444444
    .word SYS_YIELD,  0x33333333, 0x44444444
    .word SYS_WRITE,  0, 0                    # write nothing
    .word SYS_WRITE,  0x3000, 1               # a bad buffer: -1
    .word SYS_READ,   0x1fff, 2               # a bad buffer: -1
    .word SYS_SLEEP,  0, 0                    # at once
    .word SYS_SLEEP,  1, 0x44444444           # one tick
    .word 0,          0x33333333, 0x44444444  # no such call
    .word 99,         0x33333333, 0x44444444
    .word 0xffffffff, 0x33333333, 0x44444444
calls_end:
want:
    .word 0, 0x11111111, 0x1ff0, 0, 0, 0x55555555, 0x66666666, 0
    .word 0x88888888, 0x99999999, 0xaaaaaaaa, 0xbbbbbbbb, 0xcccccccc, 0xdddddddd, 0xeeeeeeee, 0xffffffff
got:
    .space 64
index:
    .word 0
names:
    .ascii "r0raspa0a1a2a3a4t0t1t2t3s0s1s2s3"
intact:
    .asciz "registers intact after every call\n"
msg_changed:
    .asciz "regs: "
msg_in_call:
    .asciz " changed in call "
letter:
    .asciz "?\n"
    .align 4
user_end:
kernel_end:
