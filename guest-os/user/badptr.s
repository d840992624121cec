# badptr.s: hands the kernel bad pointers and lengths. Every bad call must
# return -1 (and write or read nothing); good ones still work. Prints each
# call and its result.
.include "ulib.s"

main:
    addi sp, sp, -8
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    la   t0, stack_top
    lw   s0, 0(t0)              # s0 = the region's size (= the first bad address)

    li   a0, 0x00100000         # far outside the region
    li   a1, 4
    call try_write
    mv   a0, s0                 # just past the end
    li   a1, 1
    call try_write
    addi a0, s0, -2             # starts inside, ends outside
    li   a1, 4
    call try_write
    li   a0, 0xfffffffc         # address + length wraps around 2^32
    li   a1, 8
    call try_write
    la   a0, msg                # a negative length
    li   a1, -1
    call try_write
    la   a0, msg                # length 0: nothing to do, and fine
    li   a1, 0
    call try_write
    la   a0, msg                # a good one
    li   a1, MSG_LEN
    call try_write

    li   a0, 0x00100000
    li   a1, 4
    call try_read
    addi a0, s0, -1
    li   a1, 2
    call try_read
    la   a0, inbuf              # a good buffer: 0 when input has ended
    li   a1, 4
    call try_read

    li   a4, 99                 # no such system call
    sys
    mv   a1, a0
    la   a0, fmt_sys
    call printf

    li   a0, 0
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    addi sp, sp, 8
    ret

# try_write(buf, len): write(buf, len), then print the call and its result.
try_write:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   a0, 4(sp)
    sw   a1, 8(sp)
    call write
    mv   a3, a0
    la   a0, fmt_write
    lw   a1, 4(sp)
    lw   a2, 8(sp)
    call printf
    lw   ra, 0(sp)
    addi sp, sp, 12
    ret

# try_read(buf, len): the same for read.
try_read:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   a0, 4(sp)
    sw   a1, 8(sp)
    call read
    mv   a3, a0
    la   a0, fmt_read
    lw   a1, 4(sp)
    lw   a2, 8(sp)
    call printf
    lw   ra, 0(sp)
    addi sp, sp, 12
    ret

    .data
fmt_write:
    .asciz "write(%x, %d) = %d\n"
fmt_read:
    .asciz "read(%x, %d) = %d\n"
fmt_sys:
    .asciz "syscall 99 = %d\n"
msg:
    .ascii "[a good write]\n"
msg_end:
.equ MSG_LEN, msg_end - msg
inbuf:
    .space 4
