# sleepy.s (hidden): sleepers, a hog and a yielder together. pid 1 sleeps
# NAP ticks twice, pid 2 spins for many quanta without a system call,
# pid 3 yields and prints between naps of its own. Each prints when it
# wakes; the order of the lines and the machine's status (pid 1's exit
# status: the ticks when it finished) are compared with the solution's.
# lab.yaml draws NAP at random.
#
# Inline user programs after the kernel (see the lab's tests/ticks.s).
.include "kernel.s"

    .data
    .align 4
boot_table:
    .word sleeper, sleeper_end  # pid 1
    .word hog, hog_end          # pid 2
    .word napper, napper_end    # pid 3
    .word 0

    .align 4
sleeper:
    li   s0, 2
1:  li   a0, NAP
    li   a4, SYS_SLEEP
    sys
    li   a0, woke - sleeper
    li   a1, woke_end - woke
    li   a4, SYS_WRITE
    sys
    addi s0, s0, -1
    bnez s0, 1b
    li   a4, SYS_UPTIME
    sys
    li   a4, SYS_EXIT
    sys                         # exit(ticks)
woke:
    .ascii "sleeper: awake\n"
woke_end:
    .align 4
sleeper_end:

hog:
    li   t0, 40000
1:  addi t0, t0, -1
    bnez t0, 1b
    li   a0, hog_done - hog
    li   a1, hog_done_end - hog_done
    li   a4, SYS_WRITE
    sys
    li   a0, 0
    li   a4, SYS_EXIT
    sys
hog_done:
    .ascii "hog: done\n"
hog_done_end:
    .align 4
hog_end:

napper:
    li   s0, 3
1:  li   a4, SYS_YIELD
    sys
    li   a0, 1
    li   a4, SYS_SLEEP
    sys
    li   a0, nap_text - napper
    li   a1, nap_text_end - nap_text
    li   a4, SYS_WRITE
    sys
    addi s0, s0, -1
    bnez s0, 1b
    li   a0, 0
    li   a4, SYS_EXIT
    sys
nap_text:
    .ascii "napper: awake\n"
nap_text_end:
    .align 4
napper_end:
kernel_end:
