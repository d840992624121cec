# crunch.s: the benchmark workload. Pure computation, a checksum over
# ROUNDS rounds of a small hash, with no system call until the end: under
# the monitor only the timer's interrupts and the kernel's scheduling
# leave direct execution. Prints the checksum so the work cannot be
# skipped, and so bare and monitored runs can be compared.
.include "ulib.s"

.equ ROUNDS, 200000             # about 10 instructions each

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    li   t0, ROUNDS
    li   a1, 0x12345678         # the running hash
1:  slli t1, a1, 5
    srli t2, a1, 2
    xor  a1, a1, t1
    add  a1, a1, t2
    xor  a1, a1, t0
    andi t3, t0, 7
    sll  t3, a1, t3
    add  a1, a1, t3
    addi t0, t0, -1
    bnez t0, 1b
    la   a0, result
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
result:
    .asciz "crunch: checksum %x\n"
