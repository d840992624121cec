# ticks.s: the timer preempts a process that never makes a system call,
# and every tick is counted (tasks 1 and 2).
#
# One process spins for SPIN iterations (2 instructions each, many quanta)
# without a system call, then exits with the kernel's tick count as its
# status: the machine's exit status. Each timer interrupt must enter
# timer_trap, go through the scheduler and be acknowledged there, so that
# the process runs on and the count is right.
#
# The user program is inline, after the kernel: proc_load copies the
# bytes between user_start and user_end to the region, where they run
# from user address 0 (branches are relative, so they work there).
.include "kernel.s"

.equ SPIN, 30000

    .data
    .align 4
boot_table:
    .word user_start, user_end  # pid 1
    .word 0

    .align 4
user_start:
    li   t0, SPIN
1:  addi t0, t0, -1
    bnez t0, 1b
    li   a4, SYS_UPTIME
    sys                         # a0 = ticks since boot
    li   a4, SYS_EXIT
    sys                         # exit(ticks)
user_end:
kernel_end:
