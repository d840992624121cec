# sched.s: who runs next, and what the kernel does when nobody can.
#
# Round robin: the scheduler looks for a RUNNABLE process starting with the
# slot after the one that ran last, so every runnable process gets a turn
# before any gets a second. Turns end when a process blocks, yields or
# exits, or when the TIMER interrupt preempts it (trap.s: timer_trap).
#
# The kernel keeps interrupts off. Instead of taking interrupts, the
# scheduler looks at the devices itself each time it runs (devices_poll):
#   - a pending TIMER interrupt is one tick: count it, acknowledge it,
#     wake the sleepers whose time has come;
#   - if a process waits in read(), ask the console whether input is
#     ready or has ended, and if so make the readers runnable.
# When nothing is runnable the processor waits in `wfi`, which returns
# when an interrupt is pending even with interrupts off (the timer is
# always on, so one always comes); then the scheduler looks again. So
# sleeping and reading processes cost no instructions while they wait.
# When no process is left, the machine powers off with the exit status of
# pid 1, the first process of the boot table.

# scheduler: never returns. Jumped to, with nothing on the stack.
scheduler:
    li   sp, KSTACK_TOP
1:  call devices_poll
    call pick_next              # a0 = the next process to run, or 0
    beqz a0, 2f
    sw   a0, current_proc(zero)
    li   t0, P_RUNNING
    sw   t0, P_STATE(a0)
    ENTER_PROCESS               # run it (a profile hook: j trap_return on pg32)
2:  call any_process_left
    beqz a0, 3f
# >>> lab sched: nothing can run: wait for an interrupt (task 5)
    wfi                         # idle until the next interrupt is pending
# --- starter
#|                                 # TODO: wait instead of looking again at once
# <<< lab sched
    j    1b
3:  lw   a0, init_status(zero)  # everyone has exited
    j    power_off

# pick_next() -> the first RUNNABLE process after current_proc, going
# round the table (current_proc itself comes last), or 0 if there is none.
pick_next:
# >>> lab sched: round robin: start after current_proc (task 3)
    la   t3, proc_table + NPROC * PROC_SIZE  # t3 = the end of the table
    lw   t0, current_proc(zero)
    bnez t0, 1f
    addi t0, t3, -PROC_SIZE     # nobody ran yet: start after the last slot
1:  li   t1, NPROC              # t1 = slots left to look at
2:  addi t0, t0, PROC_SIZE      # t0 = the next slot, wrapping around
    bltu t0, t3, 3f
    la   t0, proc_table
3:  lw   t2, P_STATE(t0)
    li   a0, P_RUNNABLE
    beq  t2, a0, 4f
    addi t1, t1, -1
    bnez t1, 2b
    li   a0, 0
    ret
4:  mv   a0, t0
    ret
# --- starter
#|     la   t0, proc_table         # TODO: round robin. This takes the first
#|     li   t1, NPROC              # RUNNABLE slot of the table, every time.
#| 1:  lw   t2, P_STATE(t0)
#|     li   a0, P_RUNNABLE
#|     beq  t2, a0, 2f
#|     addi t0, t0, PROC_SIZE
#|     addi t1, t1, -1
#|     bnez t1, 1b
#|     li   a0, 0
#|     ret
#| 2:  mv   a0, t0
#|     ret
# <<< lab sched

# any_process_left() -> 1 if some slot is not FREE, else 0.
any_process_left:
    la   t0, proc_table
    li   t1, NPROC
1:  lw   t2, P_STATE(t0)
    li   a0, P_FREE
    bne  t2, a0, 2f
    addi t0, t0, PROC_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    li   a0, 0
    ret
2:  li   a0, 1
    ret

# devices_poll(): count a timer tick if one is pending, wake the sleepers
# whose time has come, and wake the readers if there is input.
devices_poll:
    addi sp, sp, -4
    sw   ra, 0(sp)
# >>> lab sched: a pending tick: count it, acknowledge the timer (task 2)
    in   t0, PORT_TIMER_STATUS
    andi t0, t0, TIMER_PENDING
    beqz t0, 1f
    out  PORT_TIMER_STATUS, zero   # acknowledge: any write clears it
    lw   t0, ticks(zero)
    addi t0, t0, 1
    sw   t0, ticks(zero)
# --- starter
#|     in   t0, PORT_TIMER_STATUS
#|     andi t0, t0, TIMER_PENDING
#|     beqz t0, 1f
#|     la   a0, todo_tick          # TODO: count the tick and acknowledge it
#|     j    panic
#|     .data
#| todo_tick:
#|     .asciz "devices_poll: a timer tick is pending: count it and acknowledge it (task 2)"
#|     .text
# <<< lab sched
1:  call wake_sleepers
    call wake_readers
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

# wake_sleepers(): every SLEEPING process whose wakeup tick has come
# becomes RUNNABLE. "Has come" is ticks - wakeup >= 0, which stays right
# when the counter wraps around.
wake_sleepers:
# >>> lab sched: wake the sleepers whose time has come (task 4)
    la   t0, proc_table
    li   t1, NPROC
    lw   t3, ticks(zero)
1:  lw   t2, P_STATE(t0)
    li   a0, P_SLEEPING
    bne  t2, a0, 2f
    lw   t2, P_WAKEUP(t0)
    sub  t2, t3, t2
    blt  t2, zero, 2f
    li   a0, P_RUNNABLE
    sw   a0, P_STATE(t0)
2:  addi t0, t0, PROC_SIZE
    addi t1, t1, -1
    bnez t1, 1b
    ret
# --- starter
#|     ret                         # TODO: wake them
# <<< lab sched

# wake_readers(): if a process is READING and the console has a byte or
# has ended, every READING process becomes RUNNABLE to try its read
# again (the first one gets the bytes; the others wait again). The status
# port is read only when someone waits.
wake_readers:
    la   t0, proc_table
    li   t1, NPROC
    li   t3, 0                  # t3 = console status, read once
1:  lw   t2, P_STATE(t0)
    li   a0, P_READING
    bne  t2, a0, 2f
    bnez t3, 3f
    in   t3, PORT_CONSOLE_STATUS
    andi t3, t3, CONSOLE_READY | CONSOLE_ENDED
    beqz t3, 4f                 # nothing yet: let them wait
3:  li   a0, P_RUNNABLE
    sw   a0, P_STATE(t0)
2:  addi t0, t0, PROC_SIZE
    addi t1, t1, -1
    bnez t1, 1b
4:  ret

    .data
    .align 4
current_proc:                   # the process that runs or ran last; 0 at boot
    .word 0
ticks:                          # timer interrupts since boot
    .word 0
    .text
