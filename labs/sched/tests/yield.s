# yield.s: yield lets the others run first (task 6).
#
# Two processes take turns by yielding: each prints its line, then yields,
# three times. With a yield that gives up the processor the lines
# alternate, ping, pong, ping, pong, ...
#
# Inline user programs after the kernel (see ticks.s); each reaches its
# string with a user address, label - its start, from r0.
.include "kernel.s"

# player START, TEXT, TEXT_END: print TEXT and yield, three times, then exit.
.macro player, start, text, text_end
    li   s0, 3
1:  li   a0, \text - \start
    li   a1, \text_end - \text
    li   a4, SYS_WRITE
    sys
    li   a4, SYS_YIELD
    sys
    addi s0, s0, -1
    bnez s0, 1b
    li   a0, 0
    li   a4, SYS_EXIT
    sys
.endm

    .data
    .align 4
boot_table:
    .word ping, ping_end        # pid 1
    .word pong, pong_end        # pid 2
    .word 0

    .align 4
ping:
    player ping, ping_text, ping_text_end
ping_text:
    .ascii "ping\n"
ping_text_end:
    .align 4
ping_end:

pong:
    player pong, pong_text, pong_text_end
pong_text:
    .ascii "pong\n"
pong_text_end:
    .align 4
pong_end:
kernel_end:
