# faults.s (hidden): four processes; three fault in different ways while
# the first makes system calls around them. Each faulting process is
# killed with its one line, with the user's pc and address; the first
# finishes and its status (0) is the machine's. Compared with the
# solution's run.
#
# Inline user programs after the kernel (see the lab's tests/user_mode.s);
# each is copied to its own region and runs from user address 0.
.include "kernel.s"

    .data
    .align 4
boot_table:
    .word survivor, survivor_end    # pid 1
    .word misaligned, misaligned_end
    .word outside, outside_end
    .word divide, divide_end
    .word 0

    .align 4
survivor:                       # yields a few times, then says it is done
    li   s0, 6
1:  li   a4, SYS_YIELD
    sys
    addi s0, s0, -1
    bnez s0, 1b
    li   a0, done - survivor
    li   a1, done_end - done
    li   a4, SYS_WRITE
    sys
    li   a0, 0
    li   a4, SYS_EXIT
    sys
done:
    .ascii "survivor: done\n"
done_end:
    .align 4
survivor_end:

misaligned:                     # a word load at an odd address
    li   a4, SYS_YIELD
    sys
    li   t0, 0x1001
    lw   t1, 2(t0)
misaligned_end:

outside:                        # a store just past the region
    li   a4, SYS_GETPID
    sys
    sw   a0, 0x2000(zero)
outside_end:

divide:                         # a division by zero, after a long spin
    li   t0, 8000
1:  addi t0, t0, -1
    bnez t0, 1b
    div  t1, t1, t0
divide_end:
kernel_end:
