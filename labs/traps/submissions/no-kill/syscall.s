# syscall.s: system calls.
#
# The user side (see isa-spec/tables/syscalls.tbl):
#     a4 = call number, a0..a3 = arguments, `sys`; result in a0,
#     negative for an error. Every other register is left as it was.
#
# The kernel side: syscall finds the handler in syscall_table and calls
# it with the user's a0..a3 in a0..a3. The handler returns the result in
# a0 and may change the state of the process (exit, sleep, yield, a read
# that must wait). If the process is still RUNNING afterwards it goes
# straight back to user mode; otherwise the scheduler picks who runs.

# syscall: cause SYSCALL, registers saved in the current trap frame.
syscall:
    lw   s0, current_proc(zero)  # s0 = the calling process
    # epc is the address of `sys` itself: go on after it.
    lw   t0, TF_PC(s0)
    addi t0, t0, 4
    sw   t0, TF_PC(s0)

    lw   t0, TF_A4(s0)          # the call number
    la   t1, syscall_table
1:  lw   t2, 0(t1)              # t2 = a number in the table, 0 = the end
    beqz t2, 2f
    lw   t3, 4(t1)              # t3 = its handler
    beq  t0, t2, 3f
    addi t1, t1, 8
    j    1b
2:  la   t3, sys_unknown
3:  lw   a0, TF_A0(s0)
    lw   a1, TF_A1(s0)
    lw   a2, TF_A2(s0)
    lw   a3, TF_A3(s0)
    jalr ra, 0(t3)              # a0 = handler(a0, a1, a2, a3)
    sw   a0, TF_A0(s0)          # the result, for user mode

    lw   t0, P_STATE(s0)
    li   t1, P_RUNNING
    bne  t0, t1, 4f
    mv   a0, s0
    j    trap_return            # back to the caller
4:  j    scheduler              # it exited, sleeps, waits or yielded

    .data
    .align 4
# System-call number -> handler; 0 ends the table.
syscall_table:
    .word SYS_EXIT,   sys_exit
    .word SYS_WRITE,  sys_write
    .word SYS_READ,   sys_read
    .word SYS_YIELD,  sys_yield
    .word SYS_GETPID, sys_getpid
    .word SYS_SLEEP,  sys_sleep
    .word SYS_UPTIME, sys_uptime
    .word 0
    .text

# Every handler: a0..a3 = the user's arguments; returns a0 = the result.
# The calling process is current_proc. Handlers may use t0..t3 and a0..a4
# freely, and s-registers only after saving them (syscall keeps s0).

# sys_unknown(): no such system call.
sys_unknown:
    li   a0, -1
    ret

# sys_exit(status): the process ends; its slot is free.
sys_exit:
    addi sp, sp, -4
    sw   ra, 0(sp)
    mv   a1, a0
    lw   a0, current_proc(zero)
    call proc_exit
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

# sys_getpid() -> the caller's pid.
sys_getpid:
    lw   t0, current_proc(zero)
    lw   a0, P_PID(t0)
    ret

# sys_uptime() -> the number of ticks (timer interrupts) since boot.
sys_uptime:
    lw   a0, ticks(zero)
    ret

# sys_yield() -> 0: let the others run first; runnable again at once.
sys_yield:
    lw   t0, current_proc(zero)
    li   t1, P_RUNNABLE
    sw   t1, P_STATE(t0)
    li   a0, 0
    ret

# sys_sleep(n) -> 0: sleep until n more ticks have been counted. n <= 0
# returns at once.
sys_sleep:
    bge  zero, a0, 1f
    lw   t0, current_proc(zero)
    lw   t1, ticks(zero)
    add  t1, t1, a0
    sw   t1, P_WAKEUP(t0)
    li   t1, P_SLEEPING
    sw   t1, P_STATE(t0)
1:  li   a0, 0
    ret

# sys_write(buf, len) -> len, or -1 if buf..buf+len-1 is not all inside
# the caller's region. The bytes go through kbuf a chunk at a time:
# copyin brings a chunk into the kernel, console_write prints it. The
# whole range is checked first, so a bad call writes nothing.
sys_write:
    addi sp, sp, -20
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    sw   s2, 12(sp)
    sw   s3, 16(sp)
    mv   s1, a0                 # s1 = user address of the next chunk
    mv   s2, a1                 # s2 = bytes still to write
    mv   s3, a1                 # s3 = len, the result
    lw   a0, current_proc(zero)
    mv   a1, s1
    mv   a2, s2
    call user_range_ok
    beqz a0, 3f
1:  beqz s2, 2f                 # while bytes remain:
    mv   s0, s2                 #   s0 = chunk = min(remaining, KBUF_SIZE)
    li   t0, KBUF_SIZE
    bleu s0, t0, 4f
    mv   s0, t0
4:  lw   a0, current_proc(zero)
    la   a1, kbuf
    mv   a2, s1
    mv   a3, s0
    call copyin                 #   kbuf <- chunk
    la   a0, kbuf
    mv   a1, s0
    call console_write          #   console <- kbuf
    add  s1, s1, s0
    sub  s2, s2, s0
    j    1b
2:  mv   a0, s3
    j    5f
3:  li   a0, -1
5:  lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    lw   s2, 12(sp)
    lw   s3, 16(sp)
    addi sp, sp, 20
    ret

# sys_read(buf, len) -> the number of bytes read (at most KBUF_SIZE, and
# no more than one line), 0 at the end of input, or -1 if the buffer is
# not inside the caller's region.
#
# If no byte is ready and input has not ended, the process must wait. The
# kernel does not wait with it (it has one stack, and the others should
# run): the process becomes P_READING with its pc put back on the `sys`,
# so when the scheduler sees input (sched.s) it runs the call again.
sys_read:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    mv   s0, a0                 # s0 = buf
    mv   s1, a1                 # s1 = len
    lw   a0, current_proc(zero)
    mv   a1, s0
    mv   a2, s1
    call user_range_ok
    beqz a0, 3f
    beqz s1, 4f                 # nothing asked, nothing read
    in   t0, PORT_CONSOLE_STATUS
    andi t1, t0, CONSOLE_READY
    bnez t1, 1f
    andi t1, t0, CONSOLE_ENDED
    bnez t1, 4f                 # no byte will ever come: 0
    lw   t0, current_proc(zero) # wait for input, then run the call again
    li   t1, P_READING
    sw   t1, P_STATE(t0)
    lw   t1, TF_PC(t0)
    addi t1, t1, -4
    sw   t1, TF_PC(t0)
    mv   a0, s0                 # leave a0 = buf for the second try
    j    5f
1:  li   t0, KBUF_SIZE          # read what is ready, up to min(len, KBUF_SIZE)
    bleu s1, t0, 2f
    mv   s1, t0
2:  la   a0, kbuf
    mv   a1, s1
    call console_read           # a0 = bytes read into kbuf
    mv   s1, a0
    lw   a0, current_proc(zero)
    mv   a1, s0
    la   a2, kbuf
    mv   a3, s1
    call copyout                # user buf <- kbuf
    mv   a0, s1
    j    5f
3:  li   a0, -1
    j    5f
4:  li   a0, 0
5:  lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    addi sp, sp, 12
    ret

    .data
    .align 4
kbuf:                           # bytes on their way between user and console
    .space KBUF_SIZE
    .text
