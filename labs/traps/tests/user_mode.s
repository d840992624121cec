# user_mode.s: trap_return (task 1) runs the first process in user mode.
#
# The process does one thing and then spins: it never traps, and the test
# stops it (by its step limit) before the first timer interrupt. At that
# moment the machine must be in user mode with interrupts on (psw = IE),
# R must be the process's region (rbase 0x8000, rbound 0x2000: slot 0 of
# layout.inc), sp the top of the region, and s0 what the process set.
#
# The user program is written inline, after the kernel: proc_load copies
# the bytes between user_start and user_end to the region, where they run
# from user address 0. Branches and jumps are relative, so they work
# there; the program touches no data.
.include "kernel.s"

    .data
    .align 4
boot_table:
    .word user_start, user_end  # pid 1
    .word 0

    .align 4
user_start:
    li   s0, 0x600d             # in user mode at last
1:  j    1b                     # spin until the test stops the machine
user_end:
kernel_end:
