# print.s: the kernel's messages, and its two ways to stop.
#
# The kernel prints only when something goes wrong: a process killed for
# a fault, or a panic. Both lines begin with "[kernel] " so they stand
# out from the programs' output.

# kputs(s): print the NUL-terminated string at s.
kputs:
    CONSOLE_PUTS                # a hook, as console_putc's (console.s)
    ret

# kputhex(x): print x as 0x and eight hex digits, like 0x00000124.
kputhex:
    li   t0, '0'
    out  PORT_CONSOLE_OUT, t0
    li   t0, 'x'
    out  PORT_CONSOLE_OUT, t0
    li   t1, 28                 # t1 = shift of the next digit
1:  srl  t0, a0, t1
    andi t0, t0, 0xf
    la   t2, hex_digits
    add  t2, t2, t0
    lbu  t0, 0(t2)
    out  PORT_CONSOLE_OUT, t0
    addi t1, t1, -4
    bge  t1, zero, 1b
    ret

# kputdec(n): print n, unsigned, in decimal. The digits come out lowest
# first, so they are collected on the stack and printed in reverse.
kputdec:
    addi sp, sp, -12            # room for 10 digits (2^32 < 10^10)
    mv   t0, sp                 # t0 = where the next digit goes
    li   t1, 10
1:  remu t2, a0, t1
    addi t2, t2, '0'
    sb   t2, 0(t0)
    addi t0, t0, 1
    divu a0, a0, t1
    bnez a0, 1b
2:  addi t0, t0, -1
    lbu  t2, 0(t0)
    out  PORT_CONSOLE_OUT, t2
    bne  t0, sp, 2b
    addi sp, sp, 12
    ret

# print_trap(): describe the trap in cause, epc and badaddr, like
#   BOUNDS at pc 0x00000124 (addr 0x00100000)
#   PRIVILEGED at pc 0x00000010 (word 0x64000000)
#   DIVIDE at pc 0x00000040
# For a user trap the pc and addr are user addresses, as the program
# saw them.
print_trap:
    addi sp, sp, -8
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    csrr t0, cause
    la   s0, trap_names         # s0 = the cause's row, or the last
1:  lw   t1, 0(s0)
    beq  t1, t0, 2f
    beqz t1, 2f
    addi s0, s0, 12
    j    1b
2:  lw   a0, 4(s0)
    call kputs                  # BOUNDS
    la   a0, msg_at_pc
    call kputs
    csrr a0, epc
    call kputhex                #  at pc 0x00000124
    lw   a0, 8(s0)
    beqz a0, 3f
    call kputs                  #  (addr
    csrr a0, badaddr
    call kputhex                # 0x00100000
    li   a0, ')'
    call console_putc
3:  lw   ra, 0(sp)
    lw   s0, 4(sp)
    addi sp, sp, 8
    ret

# panic(msg): the kernel cannot go on. Print msg and power off with a
# non-zero status. Never returns.
panic:
    li   sp, KSTACK_TOP
    mv   s0, a0
    la   a0, msg_panic
    call kputs
    mv   a0, s0
    call kputs
    li   a0, '\n'
    call console_putc
    li   a0, PANIC_STATUS
    j    power_off

# power_off(status): stop the machine with this exit status.
power_off:
    out  PORT_POWER_OFF, a0
1:  j    1b                     # not reached: the machine has stopped

    .data
hex_digits:
    .ascii "0123456789abcdef"
msg_panic:
    .asciz "[kernel] panic: "
msg_at_pc:
    .asciz " at pc "
msg_addr:
    .asciz " (addr "
msg_word:
    .asciz " (word "
    .align 4
# cause -> its name, and what badaddr holds (0: nothing worth printing).
trap_names:
    .word CAUSE_SYSCALL,    name_syscall,    0
    .word CAUSE_BREAKPOINT, name_breakpoint, 0
    .word CAUSE_ILLEGAL,    name_illegal,    msg_word
    .word CAUSE_PRIVILEGED, name_privileged, msg_word
    .word CAUSE_BOUNDS,     name_bounds,     msg_addr
    .word CAUSE_MISALIGNED, name_misaligned, msg_addr
    .word CAUSE_DIVIDE,     name_divide,     0
    .word CAUSE_TIMER,      name_timer,      0
    .word CAUSE_CONSOLE,    name_console,    0
    .word 0,                name_unknown,    0
name_syscall:    .asciz "SYSCALL"
name_breakpoint: .asciz "BREAKPOINT"
name_illegal:    .asciz "ILLEGAL"
name_privileged: .asciz "PRIVILEGED"
name_bounds:     .asciz "BOUNDS"
name_misaligned: .asciz "MISALIGNED"
name_divide:     .asciz "DIVIDE"
name_timer:      .asciz "TIMER"
name_console:    .asciz "CONSOLE"
name_unknown:    .asciz "an unknown trap"
    .text
