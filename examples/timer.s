# timer.s: timer interrupts, acknowledged, and waiting for them with wfi.
#
# The timer counts ticks (retired instructions, plus idle ticks in wfi),
# never the host's clock, so every run is the same. `out TIMER_INTERVAL, n`
# makes a TIMER interrupt pending every n ticks. With psw.IE set, a pending
# interrupt runs the trap sequence between two instructions: epc is then
# the next instruction (it has not run yet), so the handler returns with
# plain rfe, no epc + 4. The interrupt stays pending until the handler
# acknowledges it (`out TIMER_STATUS`); forget that and it is taken again
# as soon as rfe returns, for ever.
#
# The main program waits in wfi, which idles until an interrupt is
# pending; the handler counts ticks and prints a line for each.
#
#     trapvm run examples/timer.s
#     trapvm trace examples/timer.s --only traps  # the interrupts, at their ticks

.include "pg32.inc"

.equ TICK, 1000                 # ticks between two interrupts
.equ TICKS_WANTED, 3

_start:
    la   t0, trap_handler
    csrw tvec, t0
    li   t0, TICK
    out  PORT_TIMER_INTERVAL, t0  # the first interrupt TICK ticks from now
    li   t0, PSW_SYSTEM | PSW_IE
    csrw psw, t0                # stay in system mode, interrupts on
idle:
    wfi                         # wait: the handler runs, then wfi is over
    lw   t0, ticks(zero)
    li   t1, TICKS_WANTED
    blt  t0, t1, idle
    out  PORT_TIMER_INTERVAL, zero  # timer off
    la   a0, done
    call print_string
    halt

# An interrupt can come between any two instructions, so the handler
# keeps every register it uses and puts it back before rfe.
trap_handler:
    sw   t0, saved(zero)
    sw   t1, saved+4(zero)
    sw   a0, saved+8(zero)
    sw   ra, saved+12(zero)
    csrr t0, cause
    li   t1, CAUSE_TIMER
    bne  t0, t1, unexpected
    out  PORT_TIMER_STATUS, zero  # acknowledge: no longer pending
    lw   t0, ticks(zero)
    addi t0, t0, 1
    sw   t0, ticks(zero)
    la   a0, tick
    call print_string
    lw   t0, saved(zero)
    lw   t1, saved+4(zero)
    lw   a0, saved+8(zero)
    lw   ra, saved+12(zero)
    rfe                         # back to the instruction after the wfi
unexpected:
    out  PORT_POWER_OFF, t0     # stop; the exit status is the cause

# print_string: print the 0-terminated string at address a0.
# Changes t0 and a0.
print_string:
    lbu  t0, 0(a0)
    beqz t0, string_done
    out  PORT_CONSOLE_OUT, t0
    addi a0, a0, 1
    j    print_string
string_done:
    ret

.data
ticks:
    .word 0                     # timer interrupts so far
saved:
    .word 0, 0, 0, 0            # t0, t1, a0, ra of the interrupted code
tick:
    .asciz "tick\n"
done:
    .asciz "three ticks: timer off, halt\n"
