# console.s: the console device, through its ports.
#
# Output is immediate: CONSOLE_OUT takes a byte and the machine prints it
# (the paravirtual build asks the monitor instead: hooks-paravirt.inc).
# Input: CONSOLE_STATUS says whether a byte is READY or input has ENDED;
# CONSOLE_IN takes the byte. The console interrupt is never enabled:
# the scheduler polls the status instead (sched.s: wake_readers).

# console_putc(c): print one byte.
console_putc:
    CONSOLE_PUTC                # a hook: an out (console-direct.inc), or a hypercall (hooks-paravirt.inc)
    ret

# console_write(buf, n): print n bytes from kernel address buf.
console_write:
    CONSOLE_WRITE               # a hook, as CONSOLE_PUTC
    ret

# console_read(buf, n) -> count: take the bytes that are ready, up to n
# and up to the end of a line, into kernel address buf. Does not wait: 0
# if no byte is ready. Stopping at a newline is what lets a filter answer
# a person line by line: trapvm's console, asked for the status, waits for
# the next byte to be typed.
console_read:
    li   t0, 0                  # t0 = count
1:  beq  t0, a1, 2f
    in   t1, PORT_CONSOLE_STATUS
    andi t1, t1, CONSOLE_READY
    beqz t1, 2f
    in   t1, PORT_CONSOLE_IN
    add  t2, a0, t0
    sb   t1, 0(t2)
    addi t0, t0, 1
    li   t2, '\n'
    bne  t1, t2, 1b
2:  mv   a0, t0
    ret
