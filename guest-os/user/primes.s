# primes.s: CPU-bound work. Counts the primes below LIMIT by trial
# division and prints how many there are, never making a system call in
# between: only the timer interrupt takes the processor from it.
.include "ulib.s"

.equ LIMIT, 3000

main:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    li   s0, 2                  # s0 = the candidate
    li   s1, 0                  # s1 = primes found
1:  mv   a0, s0
    call is_prime
    add  s1, s1, a0
    addi s0, s0, 1
    li   t0, LIMIT
    blt  s0, t0, 1b
    la   a0, result
    mv   a1, s1
    li   a2, LIMIT
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    addi sp, sp, 12
    ret

# is_prime(n) -> 1 if n (>= 2) is prime, else 0: no divisor d with
# d*d <= n.
is_prime:
    li   t0, 2                  # t0 = d
1:  mul  t1, t0, t0
    bgt  t1, a0, 2f
    rem  t1, a0, t0
    beqz t1, 3f
    addi t0, t0, 1
    j    1b
2:  li   a0, 1
    ret
3:  li   a0, 0
    ret

    .data
result:
    .asciz "primes: %d primes below %d\n"
