# asm.s: the PG32 assembly lab (labs/asm/README.md). Six functions in the
# calling convention of isa-spec/tables/registers.tbl: arguments in a0..a4,
# the result in a0; a call may change ra, a0..a4 and t0..t3; sp and s0..s3
# must be as they were when a function returns. The tests .include this file
# after their own code: it holds only functions, no _start.

# >>> lab asm: strlen (task 1)
# strlen(a0 = the address of a 0-terminated string) -> a0 = its length in bytes.
strlen:
    mv   t0, a0                 # t0 walks the string
strlen_next:
    lbu  t1, 0(t0)
    beqz t1, strlen_end
    addi t0, t0, 1
    j    strlen_next
strlen_end:
    sub  a0, t0, a0             # the bytes before the 0
    ret
# --- starter
#| # strlen(a0 = the address of a 0-terminated string) -> a0 = its length in bytes.
#| strlen:
#|     li   a0, 0                  # TODO (task 1): count the bytes before the 0
#|     ret
# <<< lab asm

# >>> lab asm: upcase (task 2)
# upcase(a0 = the address of a 0-terminated string): turns each of a..z into
# A..Z, in place; every other byte stays as it is. Returns nothing.
upcase:
    lbu  t0, 0(a0)
    beqz t0, upcase_end
    addi t1, t0, -'a'           # 0..25 for a lowercase letter
    sltiu t1, t1, 26            # (unsigned: a byte below 'a' wraps to a large value)
    beqz t1, upcase_skip
    addi t0, t0, 'A' - 'a'
    sb   t0, 0(a0)
upcase_skip:
    addi a0, a0, 1
    j    upcase
upcase_end:
    ret
# --- starter
#| # upcase(a0 = the address of a 0-terminated string): turns each of a..z into
#| # A..Z, in place; every other byte stays as it is. Returns nothing.
#| upcase:
#|     ret                         # TODO (task 2): change each lowercase letter
# <<< lab asm

# >>> lab asm: array_max (task 3)
# array_max(a0 = the address of an array of words, a1 = how many, at least 1)
#   -> a0 = the largest of them, as signed numbers.
array_max:
    lw   t0, 0(a0)              # the largest so far
array_max_next:
    addi a1, a1, -1
    beqz a1, array_max_end
    addi a0, a0, 4
    lw   t1, 0(a0)
    bge  t0, t1, array_max_next # signed: -1 is less than 1
    mv   t0, t1
    j    array_max_next
array_max_end:
    mv   a0, t0
    ret
# --- starter
#| # array_max(a0 = the address of an array of words, a1 = how many, at least 1)
#| #   -> a0 = the largest of them, as signed numbers.
#| array_max:
#|     lw   a0, 0(a0)              # TODO (task 3): the first one is not always the largest
#|     ret
# <<< lab asm

# >>> lab asm: sort (task 4)
# sort(a0 = the address of an array of words, a1 = how many, 0 or more):
# sorts them into ascending order (signed), in place. Returns nothing.
# Insertion sort: each word in turn moves left past the larger ones.
sort:
    li   t0, 1                  # i: words 0..i-1 are sorted
sort_outer:
    bge  t0, a1, sort_end
    slli t1, t0, 2
    add  t1, a0, t1             # t1 = &a[j], j = i
    lw   t2, 0(t1)              # the word to place
sort_inner:
    beq  t1, a0, sort_place     # j = 0: nothing left of it
    lw   t3, -4(t1)
    ble  t3, t2, sort_place     # a[j-1] <= it: its place
    sw   t3, 0(t1)              # else a[j-1] moves right
    addi t1, t1, -4
    j    sort_inner
sort_place:
    sw   t2, 0(t1)
    addi t0, t0, 1
    j    sort_outer
sort_end:
    ret
# --- starter
#| # sort(a0 = the address of an array of words, a1 = how many, 0 or more):
#| # sorts them into ascending order (signed), in place. Returns nothing.
#| sort:
#|     ret                         # TODO (task 4): sort a1 words from a0
# <<< lab asm

# >>> lab asm: fib (task 5)
# fib(a0 = n, 0 or more) -> a0 = the nth Fibonacci number, recursively:
# fib(0) = 0, fib(1) = 1, fib(n) = fib(n - 1) + fib(n - 2).
fib:
    li   t0, 2
    blt  a0, t0, fib_end        # fib(0) = 0 and fib(1) = 1: n itself
    addi sp, sp, -12            # a frame: ra and the two callee-saved registers used
    sw   ra, 8(sp)
    sw   s0, 4(sp)
    sw   s1, 0(sp)
    mv   s0, a0                 # n survives the calls in s0
    addi a0, a0, -1
    call fib
    mv   s1, a0                 # fib(n - 1) survives the next call in s1
    addi a0, s0, -2
    call fib
    add  a0, a0, s1
    lw   s1, 0(sp)
    lw   s0, 4(sp)
    lw   ra, 8(sp)
    addi sp, sp, 12             # the stack as it was
fib_end:
    ret
# --- starter
#| # fib(a0 = n, 0 or more) -> a0 = the nth Fibonacci number, recursively:
#| # fib(0) = 0, fib(1) = 1, fib(n) = fib(n - 1) + fib(n - 2).
#| fib:
#|     ret                         # TODO (task 5): fib(n - 1) + fib(n - 2)
# <<< lab asm

# >>> lab asm: longest (task 6)
# longest(a0 = the address of an array of string addresses, a1 = how many)
#   -> a0 = the length of the longest string (0 when there are none), using
#   strlen for each.
longest:
    addi sp, sp, -16
    sw   ra, 12(sp)
    sw   s0, 8(sp)
    sw   s1, 4(sp)
    sw   s2, 0(sp)
    mv   s0, a0                 # the next string's address (strlen may change a0..a4, t0..t3)
    mv   s1, a1                 # how many are left
    li   s2, 0                  # the longest so far
longest_next:
    beqz s1, longest_end
    lw   a0, 0(s0)
    call strlen
    bleu a0, s2, longest_shorter
    mv   s2, a0
longest_shorter:
    addi s0, s0, 4
    addi s1, s1, -1
    j    longest_next
longest_end:
    mv   a0, s2
    lw   s2, 0(sp)
    lw   s1, 4(sp)
    lw   s0, 8(sp)
    lw   ra, 12(sp)
    addi sp, sp, 16
    ret
# --- starter
#| # longest(a0 = the address of an array of string addresses, a1 = how many)
#| #   -> a0 = the length of the longest string (0 when there are none), using
#| #   strlen for each.
#| longest:
#|     li   a0, 0                  # TODO (task 6): call strlen for each string
#|     ret
# <<< lab asm
