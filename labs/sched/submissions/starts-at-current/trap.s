# trap.s: entering and leaving the kernel.
#
# Every trap and interrupt, from user mode or not, runs the machine's trap
# sequence (epc, epsw, cause, badaddr <- ...; system mode, interrupts off;
# pc <- tvec) and lands in trap_entry. The kernel itself runs with
# interrupts off and should never fault, so a trap from system mode means
# a kernel bug: it panics. A trap from user mode saves the process's
# registers in its trap frame, then user_trap decides what to do.
#
# Leaving: trap_return loads a process's R and registers and executes rfe,
# which puts the saved pc back and drops to user mode with interrupts on.
#
# The kernel has a single stack. It never waits in the middle of a system
# call (a read that must wait is restarted later, see sys_read), so
# nothing on the stack survives a trap: each entry starts it afresh.

# trap_entry: tvec points here.
#
# The standard trick: while a process runs, the scratch csr holds a pointer
# to its trap frame. But csrr needs a free register to read scratch into,
# and every register holds user state. So t0 is first parked in a fixed
# kernel word (reachable from r0 with a 16-bit offset, as everything in
# the kernel is), then t0 gets the frame pointer and the rest follow.
trap_entry:
    sw   t0, trap_saved_t0(zero)
    csrr t0, epsw               # where did the trap come from?
    andi t0, t0, PSW_SYSTEM
    bnez t0, kernel_trap        # from the kernel itself: a bug
    csrr t0, scratch            # t0 = the process's trap frame
    sw   ra, TF_RA(t0)
    sw   sp, TF_SP(t0)
    sw   a0, TF_A0(t0)
    sw   a1, TF_A1(t0)
    sw   a2, TF_A2(t0)
    sw   a3, TF_A3(t0)
    sw   a4, TF_A4(t0)
    sw   t1, TF_T1(t0)
    sw   t2, TF_T2(t0)
    sw   t3, TF_T3(t0)
    sw   s0, TF_S0(t0)
    sw   s1, TF_S1(t0)
    sw   s2, TF_S2(t0)
    sw   s3, TF_S3(t0)
    lw   t1, trap_saved_t0(zero)
    sw   t1, TF_T0(t0)
    csrr t1, epc                # the trapping (or, for an interrupt, next) pc
    sw   t1, TF_PC(t0)
    li   sp, KSTACK_TOP
    j    user_trap

# trap_return(a0 = process): run the process in user mode, continuing from
# its trap frame. Never returns.
trap_return:
    mv   t0, a0
    csrw scratch, t0            # for its next trap
    lw   t1, P_BASE(t0)         # R = its region
    csrw rbase, t1
    lw   t1, P_SIZE(t0)
    csrw rbound, t1
    lw   t1, TF_PC(t0)
    csrw epc, t1
    li   t1, PSW_IE             # after rfe: user mode (PSW_SYSTEM clear),
    csrw epsw, t1               # interrupts on
    lw   ra, TF_RA(t0)
    lw   sp, TF_SP(t0)
    lw   a0, TF_A0(t0)
    lw   a1, TF_A1(t0)
    lw   a2, TF_A2(t0)
    lw   a3, TF_A3(t0)
    lw   a4, TF_A4(t0)
    lw   t1, TF_T1(t0)
    lw   t2, TF_T2(t0)
    lw   t3, TF_T3(t0)
    lw   s0, TF_S0(t0)
    lw   s1, TF_S1(t0)
    lw   s2, TF_S2(t0)
    lw   s3, TF_S3(t0)
    lw   t0, TF_T0(t0)          # last: t0 held the frame pointer
    rfe

# user_trap: a trap from user mode, registers saved, on the kernel stack.
# System calls and timer interrupts are the expected reasons; any other
# exception is the process's fault and kills it. The console interrupt is
# never enabled (sched.s polls the console instead): if it came anyway,
# the kernel has a bug, and it panics.
user_trap:
    csrr t0, cause
    li   t1, CAUSE_SYSCALL
    beq  t0, t1, syscall        # syscall.s
    li   t1, CAUSE_TIMER
    beq  t0, t1, timer_trap
    li   t1, CAUSE_CONSOLE
    beq  t0, t1, unexpected_trap
    j    fault_trap

# timer_trap: the current process has had its quantum. It stays runnable;
# the scheduler counts the tick and picks the next process.
timer_trap:
    lw   a0, current_proc(zero)
    li   t0, P_RUNNABLE
    sw   t0, P_STATE(a0)
    j    scheduler

# fault_trap: the process broke a rule of the machine. Kill it, say why,
# and let the others run on.
#   [kernel] pid 3 killed: BOUNDS at pc 0x00000124 (addr 0x00100000)
fault_trap:
    la   a0, msg_pid
    call kputs
    lw   t0, current_proc(zero)
    lw   a0, P_PID(t0)
    call kputdec
    la   a0, msg_killed
    call kputs
    call print_trap             # cause, pc and badaddr, from the csrs
    li   a0, '\n'
    call console_putc
    lw   a0, current_proc(zero)
    li   a1, KILLED_STATUS
    call proc_exit
    j    scheduler

# kernel_trap: a trap taken in system mode; unexpected_trap: an interrupt
# the kernel never asked for. Only a kernel bug (or too little memory,
# while loading) gets here. The pc and addr are physical.
#   [kernel] panic: BOUNDS at pc 0x00000798 (addr 0x00009000)
kernel_trap:
unexpected_trap:
    li   sp, KSTACK_TOP
    la   a0, msg_panic
    call kputs
    call print_trap
    li   a0, '\n'
    call console_putc
    li   a0, PANIC_STATUS
    j    power_off

    .data
    .align 4
trap_saved_t0:                  # user t0 while trap_entry saves the rest
    .word 0
msg_pid:
    .asciz "[kernel] pid "
msg_killed:
    .asciz " killed: "
    .text
