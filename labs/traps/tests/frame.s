# frame.s: trap_entry (task 2) saves every register in the trap frame, and
# the registers survive timer interrupts (tasks 1-3).
#
# The process loads a pattern into every register (r1 = 0x01010101, r2 =
# 0x02020202, ..., r15 = 0x0f0f0f0f) and spins. The first TIMER interrupt
# enters trap_entry, which must leave the pattern in pid 1's trap frame
# (proc_table: the pc in word 0, then rN in word N; layout.inc). With the
# dispatch on cause written, the timer preempts the process again and
# again; when the test stops the machine, the process must still hold the
# pattern.
#
# The user program is inline, after the kernel (see user_mode.s).
.include "kernel.s"

    .data
    .align 4
boot_table:
    .word user_start, user_end  # pid 1
    .word 0

    .align 4
user_start:
    li   ra, 0x01010101
    li   sp, 0x02020202
    li   a0, 0x03030303
    li   a1, 0x04040404
    li   a2, 0x05050505
    li   a3, 0x06060606
    li   a4, 0x07070707
    li   t0, 0x08080808
    li   t1, 0x09090909
    li   t2, 0x0a0a0a0a
    li   t3, 0x0b0b0b0b
    li   s0, 0x0c0c0c0c
    li   s1, 0x0d0d0d0d
    li   s2, 0x0e0e0e0e
    li   s3, 0x0f0f0f0f
spin:
    j    spin                   # user address spin - user_start = 0x78
user_end:
kernel_end:
