# ulib.s: what every user program starts with. Include it first, so that
# _start is at address 0, where the kernel starts a process:
#
#     .include "ulib.s"
#     main:   ...           # a0 = exit status
#             ret
#
# It holds the start-up code, one wrapper per system call, and printf.
# User programs know nothing of the kernel's layout: they are assembled
# at address 0 and see only their own region.

.include "pg32.inc"

    .text
# _start: the kernel starts every process here, with sp at the top of its
# region (which is also the region's size) and every other register 0.
_start:
    la   t0, stack_top
    sw   sp, 0(t0)
    call main
    call exit                   # exit(main's result)

# System calls: number in a4, arguments in a0..a3, result in a0
# (isa-spec/tables/syscalls.tbl).
exit:                           # exit(status): does not return
    li   a4, SYS_EXIT
    sys
write:                          # write(buf, len) -> len, or -1
    li   a4, SYS_WRITE
    sys
    ret
read:                           # read(buf, len) -> count, 0 at the end, or -1
    li   a4, SYS_READ
    sys
    ret
yield:                          # yield() -> 0
    li   a4, SYS_YIELD
    sys
    ret
getpid:                         # getpid() -> pid
    li   a4, SYS_GETPID
    sys
    ret
sleep:                          # sleep(ticks) -> 0
    li   a4, SYS_SLEEP
    sys
    ret
uptime:                         # uptime() -> ticks since boot
    li   a4, SYS_UPTIME
    sys
    ret

# printf(fmt, x, y, z): print fmt with up to three arguments, for
#   %d  a signed decimal     %x  0x and eight hex digits
#   %s  a string             %c  a character         %%  a %
# The text is gathered in out_buf and written with as few write calls as
# possible (one, for a line shorter than the buffer), so that a line is
# not cut in two by another process's output.
printf:
    addi sp, sp, -24
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    sw   a1, 12(sp)             # the arguments, in order, so that s1
    sw   a2, 16(sp)             # can walk them
    sw   a3, 20(sp)
    mv   s0, a0                 # s0 = the next character of fmt
    addi s1, sp, 12             # s1 = the next argument
1:  lbu  a0, 0(s0)
    beqz a0, 9f
    addi s0, s0, 1
    li   t0, '%'
    bne  a0, t0, 8f
    lbu  t1, 0(s0)              # a directive: t1 = its letter
    beqz t1, 9f                 # (a % at the very end: ignore it)
    addi s0, s0, 1
    lw   a0, 0(s1)              # a0 = its argument (if it takes one)
    li   t0, 'd'
    beq  t1, t0, 2f
    li   t0, 'x'
    beq  t1, t0, 3f
    li   t0, 's'
    beq  t1, t0, 4f
    li   t0, 'c'
    beq  t1, t0, 5f
    mv   a0, t1                 # %% (or an unknown letter): itself
    j    8f
2:  call out_dec
    j    6f
3:  call out_hex
    j    6f
4:  call out_str
    j    6f
5:  call out_char
6:  addi s1, s1, 4              # that argument is used
    j    1b
8:  call out_char
    j    1b
9:  call out_flush
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    addi sp, sp, 24
    ret

# out_char(c): add c to out_buf; write the buffer out when it is full.
out_char:
    la   t0, out_len
    lw   t1, 0(t0)
    la   t2, out_buf
    add  t2, t2, t1
    sb   a0, 0(t2)
    addi t1, t1, 1
    sw   t1, 0(t0)
    li   t2, OUT_BUF_SIZE
    beq  t1, t2, out_flush
    ret

# out_flush(): write what out_buf holds.
out_flush:
    addi sp, sp, -4
    sw   ra, 0(sp)
    la   a0, out_buf
    la   t0, out_len
    lw   a1, 0(t0)
    sw   zero, 0(t0)
    call write
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

# out_str(s): add the NUL-terminated string s.
out_str:
    addi sp, sp, -8
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    mv   s0, a0
1:  lbu  a0, 0(s0)
    beqz a0, 2f
    call out_char
    addi s0, s0, 1
    j    1b
2:  lw   ra, 0(sp)
    lw   s0, 4(sp)
    addi sp, sp, 8
    ret

# out_hex(x): add 0x and the eight hex digits of x.
out_hex:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    mv   s0, a0
    li   a0, '0'
    call out_char
    li   a0, 'x'
    call out_char
    li   s1, 28                 # s1 = shift of the next digit
1:  srl  t0, s0, s1
    andi t0, t0, 0xf
    la   t1, hex_digits
    add  t1, t1, t0
    lbu  a0, 0(t1)
    call out_char
    addi s1, s1, -4
    bge  s1, zero, 1b
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    addi sp, sp, 12
    ret

# out_dec(n): add n in signed decimal. The digits come lowest first, so
# they are kept on the stack and added in reverse.
out_dec:
    addi sp, sp, -24
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)              # 12(sp)..23(sp): up to 10 digits
    mv   s0, a0
    bge  s0, zero, 1f
    li   a0, '-'
    call out_char
    sub  s0, zero, s0           # (-2^31 stays itself, and divu below
1:  addi s1, sp, 12             #  reads it as 2^31: right)
2:  li   t0, 10
    remu t1, s0, t0
    addi t1, t1, '0'
    sb   t1, 0(s1)
    addi s1, s1, 1
    divu s0, s0, t0
    bnez s0, 2b
3:  addi s1, s1, -1
    lbu  a0, 0(s1)
    call out_char
    addi t0, sp, 12
    bne  s1, t0, 3b
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    addi sp, sp, 24
    ret

.equ OUT_BUF_SIZE, 128

    .data
    .align 4
stack_top:                      # sp at _start: the size of our region
    .word 0
out_len:                        # bytes waiting in out_buf
    .word 0
out_buf:
    .space OUT_BUF_SIZE
hex_digits:
    .ascii "0123456789abcdef"
    .text
