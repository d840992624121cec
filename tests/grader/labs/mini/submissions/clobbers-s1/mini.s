# mini.s: the grader's own test lab (tests/grader/labs/mini): four
# functions in the calling convention of registers.tbl (a0..a4 arguments,
# a0 the result; sp and s0..s3 callee-saved).

# >>> lab mini: strlen (task 1)
# strlen: a0 = the address of a 0-terminated string; returns its length.
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
# --- starter
#| # strlen: a0 = the address of a 0-terminated string; returns its length.
#| strlen:
#|     li   a0, 0                  # TODO: count the bytes before the 0
#|     ret
# <<< lab mini

# >>> lab mini: sum (task 2)
# sum: a0 = the address of an array of words, a1 = how many; returns their sum.
sum:
    li   t0, 0
sum_next:
    beqz a1, sum_done
    lw   t1, 0(a0)
    add  t0, t0, t1
    addi a0, a0, 4
    addi a1, a1, -1
    j    sum_next
sum_done:
    mv   a0, t0
    ret
# --- starter
#| # sum: a0 = the address of an array of words, a1 = how many; returns their sum.
#| sum:
#|     li   a0, 0                  # TODO: add up the a1 words from a0
#|     ret
# <<< lab mini

# >>> lab mini: fact (task 3)
# fact: a0 = n; returns n! (recursively: n * fact(n - 1), fact(0) = 1).
fact:
    bnez a0, fact_recurse
    li   a0, 1
    ret
fact_recurse:
    addi sp, sp, -8
    sw   ra, 4(sp)
    sw   s0, 0(sp)
    mv   s0, a0
    li   s1, 0                  # uses s1 without saving it
    addi a0, a0, -1
    call fact
    mul  a0, a0, s0
    lw   s0, 0(sp)
    lw   ra, 4(sp)
    addi sp, sp, 8
    ret
# --- starter
#| # fact: a0 = n; returns n! (recursively: n * fact(n - 1), fact(0) = 1).
#| fact:
#|     li   a0, 1                  # TODO: n * fact(n - 1)
#|     ret
# <<< lab mini
