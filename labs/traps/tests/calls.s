# calls.s: the small system calls (task 5): getpid, uptime, and numbers no
# call has. Two processes run the same program; each prints three lines:
#   pid 1: getpid gives its pid
#   pid 1: uptime counts ticks
#   pid 1: unknown calls give -1
# The number after "pid" is what getpid gave (the order of the lines says
# who printed them); a wrong answer prints what went wrong instead.
#
# The user program is inline, after the kernel (see user_mode.s); it
# reaches its data with user addresses, label - user_start, from r0.
.include "kernel.s"

.equ SPIN, 12000                # 2 instructions each: several quanta

# say LABEL: print the string at LABEL, after "pid N: ".
.macro say, label
    li   a0, prefix - user_start
    jal  ra, puts
    li   a0, \label - user_start
    jal  ra, puts
.endm

    .data
    .align 4
boot_table:
    .word user_start, user_end  # pid 1
    .word user_start, user_end  # pid 2: the same program
    .word 0

    .align 4
user_start:
    li   a4, SYS_GETPID
    sys
    mv   s0, a0                 # s0 = the pid, as getpid said
    addi t0, a0, '0'            # "pid N: " (N from 0 to 9)
    sb   t0, prefix_digit - user_start(zero)
    addi t0, a0, -1             # pid 1 or pid 2 (the lines say which)
    li   t1, 2
    bltu t0, t1, 1f
    say  getpid_bad
    j    2f
1:  say  getpid_ok
2:
    li   a4, SYS_UPTIME         # uptime moves on while the process runs
    sys
    mv   s1, a0
    li   t0, SPIN
1:  addi t0, t0, -1
    bnez t0, 1b
    li   a4, SYS_UPTIME
    sys
    sub  t0, a0, s1
    li   t1, 2                  # SPIN is at least 4 quanta: at least 2 ticks
    bge  t0, t1, 1f
    say  uptime_bad
    j    2f
1:  say  uptime_ok
2:
    li   s2, unknown - user_start
    li   s3, 4                  # the numbers no call has
1:  lw   a4, 0(s2)
    sys
    li   t0, -1
    bne  a0, t0, 2f
    addi s2, s2, 4
    addi s3, s3, -1
    bnez s3, 1b
    say  unknown_ok
    j    3f
2:  say  unknown_bad
3:  li   a0, 0
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
unknown:
    .word 0, 8, 0x7fffffff, 0xffffffff
prefix:
    .ascii "pid "
prefix_digit:
    .asciz "?: "
getpid_ok:
    .asciz "getpid gives its pid\n"
getpid_bad:
    .asciz "getpid gives neither 1 nor 2\n"
uptime_ok:
    .asciz "uptime counts ticks\n"
uptime_bad:
    .asciz "uptime did not count the ticks while the process ran\n"
unknown_ok:
    .asciz "unknown calls give -1\n"
unknown_bad:
    .asciz "an unknown call did not give -1\n"
    .align 4
user_end:
kernel_end:
