# user.s: a kernel that runs a program in user mode.
#
# The kernel installs a trap handler, gives the user program a region of
# memory with the relocation-bounds register R = (rbase, rbound), and
# enters it with rfe. In user mode every address is relocated: user
# address a is physical address rbase + a, and an address at or past
# rbound traps with BOUNDS. The user program sets up a stack at the top of
# its region, calls subroutines that keep ra there, and asks the kernel
# for services with sys: SYS_WRITE prints, SYS_EXIT ends the run.
#
# Kernel and user program are in one file: between .user and .enduser the
# assembler counts labels from USER, so `la a0, hello` gives hello's user
# address, the one the program must use (pg32-reference.md §7).
#
#     trapvm run examples/user.s
#     trapvm run --vmm --stats examples/user.s    # the same, under the monitor
#     trapvm trace examples/user.s --only traps   # each system call, from user mode

.include "pg32.inc"

.equ USER, 0x1000               # the user program's region: physical 0x1000 ...
.equ USER_SIZE, 0x1000          # ... to 0x1fff, user addresses 0 to 0xfff
.equ INSTRUCTION_SIZE, 4

_start:
    la   t0, trap_handler
    csrw tvec, t0               # every trap from now on goes to trap_handler
    li   t0, USER
    csrw rbase, t0              # user address 0 is physical USER
    li   t0, USER_SIZE
    csrw rbound, t0             # (left at 0, the first user fetch would trap)
    la   t0, main               # main is user address 0
    csrw epc, t0
    csrw epsw, zero             # psw after rfe: user mode, interrupts off
    rfe                         # pc <- epc, psw <- epsw: into the user program

# The trap handler runs in system mode, where R does not apply. A system
# call must change no register but a0 (the result), so the handler keeps
# the user program's t0..t2 while it uses them. Number in a4, arguments in
# a0..a3, as the guest OS has it.
trap_handler:
    sw   t0, saved(zero)        # system mode: saved is a physical address
    sw   t1, saved+4(zero)
    sw   t2, saved+8(zero)
    csrr t0, cause
    li   t1, CAUSE_SYSCALL
    bne  t0, t1, kill           # a fault in the user program
    li   t1, SYS_WRITE
    beq  a4, t1, sys_write
    li   t1, SYS_EXIT
    beq  a4, t1, sys_exit
    li   a0, -1                 # no such system call
    j    return

# write(buf = a0, len = a1): buf is a user address; the kernel checks that
# buf..buf+len-1 is inside the region, then adds rbase to reach it.
sys_write:
    csrr t1, rbound
    bgtu a1, t1, bad_buffer     # len > rbound
    sub  t1, t1, a1
    bgtu a0, t1, bad_buffer     # buf > rbound - len
    csrr t0, rbase
    add  t0, t0, a0             # the first byte, physical
    add  t1, t0, a1             # just past the last
write_next:
    bgeu t0, t1, written
    lbu  t2, 0(t0)
    out  PORT_CONSOLE_OUT, t2
    addi t0, t0, 1
    j    write_next
written:
    mv   a0, a1                 # the result: the count written
    j    return
bad_buffer:
    li   a0, -1

# Back to the user program, after the sys: epc is the sys itself.
return:
    csrr t0, epc
    addi t0, t0, INSTRUCTION_SIZE
    csrw epc, t0
    lw   t0, saved(zero)
    lw   t1, saved+4(zero)
    lw   t2, saved+8(zero)
    rfe

sys_exit:
    out  PORT_POWER_OFF, a0     # the program's status is the run's exit status

kill:
    out  PORT_POWER_OFF, t0     # the exit status says the cause

saved:
    .word 0, 0, 0               # the user program's t0, t1, t2 during a trap

# The user program. Its bytes are at physical USER, its labels are user
# addresses: main is 0, the same as rbase + 0 = USER when it runs.
    .org USER
    .user USER
main:
    li   sp, USER_SIZE          # the stack grows down from the top of the region
    la   a0, hello
    call print
    la   a0, bye
    call print
    li   a0, 0                  # exit status 0
    li   a4, SYS_EXIT
    sys                         # does not return

# print(a0 = a 0-terminated string): strlen, then SYS_WRITE. It calls
# strlen, so it keeps its return address and a0 on the stack.
print:
    addi sp, sp, -8
    sw   ra, 4(sp)
    sw   a0, 0(sp)
    call strlen                 # a0 <- the length
    mv   a1, a0
    lw   a0, 0(sp)
    li   a4, SYS_WRITE
    sys                         # write(a0, a1)
    lw   ra, 4(sp)
    addi sp, sp, 8
    ret

# strlen(a0) -> a0: the length of the string at a0. Changes t0, t1.
strlen:
    mv   t0, a0
strlen_next:
    lbu  t1, 0(t0)
    beqz t1, strlen_done
    addi t0, t0, 1
    j    strlen_next
strlen_done:
    sub  a0, t0, a0
    ret

hello:
    .asciz "user: hello from user mode\n"
bye:
    .asciz "user: exiting with SYS_EXIT\n"
    .enduser
