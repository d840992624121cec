# syscall.s: a trap handler that survives a system call.
#
# The sys instruction traps. The machine then runs the trap sequence:
#   epc <- the address of the sys     epsw <- psw     cause <- CAUSE_SYSCALL
#   psw <- system mode, interrupts off, and the pc jumps to tvec.
# Our handler prints a line, moves epc past the sys, and returns with rfe
# (pc <- epc, psw <- epsw). Without the "epc + 4" step, rfe would go back
# to the sys itself, which would trap again, forever.
#
#     trapvm run examples/syscall.s

.include "pg32.inc"

.equ INSTRUCTION_SIZE, 4        # every PG32 instruction is one 4-byte word

_start:
    la   t0, trap_handler
    csrw tvec, t0               # from now on every trap goes to trap_handler
    la   a0, before
    call print_string
    sys                         # traps to trap_handler ...
    la   a0, after              # ... and rfe comes back here
    call print_string
    halt

# The handler uses t0, t1, a0 and ra. The main program keeps nothing in
# them across the sys, so it does not save them (a real kernel saves every
# register first: the program it interrupted may need them).
trap_handler:
    csrr t0, cause
    li   t1, CAUSE_SYSCALL
    bne  t0, t1, unexpected     # only system calls are expected here
    la   a0, in_handler
    call print_string
    csrr t0, epc
    addi t0, t0, INSTRUCTION_SIZE
    csrw epc, t0                # return to the instruction after the sys
    rfe
unexpected:
    out  PORT_POWER_OFF, t0     # stop; trapvm exits with the cause as its status

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
before:
    .asciz "main: calling sys\n"
in_handler:
    .asciz "handler: a system call; returning to the instruction after the sys\n"
after:
    .asciz "main: back from the handler\n"
