# boot.s: from reset to the first process.
#
# The machine resets in system mode with interrupts off, every register 0,
# and pc at _start. There is no firmware: the kernel sets up everything
# it relies on, then hands the processor to the scheduler for good.

# _start: install the trap vector, take a stack, load the processes of the
# boot table into their regions, start the clock and enter the scheduler.
_start:
    la   t0, trap_entry         # every trap and interrupt goes to trap_entry
    csrw tvec, t0
    li   sp, KSTACK_TOP
    BOOT_MODE_CHECK             # profile hooks (hooks-pg32.inc): empty on pg32
    BOOT_INTERRUPTS_OFF

    # The kernel image must stay clear of its stack (layout.inc).
    la   t0, kernel_end
    li   t1, KSTACK_BOTTOM
    bleu t0, t1, 1f
    la   a0, msg_too_big
    j    panic
1:
    call proc_load_all          # boot_table -> proc_table

    # Preemption: a TIMER interrupt every QUANTUM instructions. It is
    # taken only in user mode: the kernel always runs with interrupts off
    # and looks at the timer itself (sched.s).
    li   t0, QUANTUM
    out  PORT_TIMER_INTERVAL, t0

    j    scheduler              # never returns

    .data
msg_too_big:
    .asciz "kernel image overlaps its stack"
    .text
