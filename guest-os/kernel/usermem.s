# usermem.s: moving bytes between user memory and the kernel.
#
# The kernel runs in system mode, where addresses are physical and R does
# not apply, so it must do for user pointers what R does for user code:
# user address a of process p is physical p.base + a, and an access of n
# bytes is allowed only if a + n <= p.size. A bad pointer from a system
# call must come back as an error, never make the kernel touch another
# process or itself.

# user_range_ok(p, addr, len) -> 1 if user bytes addr..addr+len-1 of p lie
# inside its region, else 0. All unsigned, and written so that nothing can
# wrap around 2^32: len <= size and addr <= size - len. (A negative len is
# a huge unsigned one, so it fails too.)
user_range_ok:
    lw   t0, P_SIZE(a0)
    bgtu a2, t0, 1f
    sub  t0, t0, a2
    bgtu a1, t0, 1f
    li   a0, 1
    ret
1:  li   a0, 0
    ret

# user_to_phys(p, addr, len) -> the physical address of user bytes
# addr..addr+len-1 of p, or 0 if they are not all inside its region.
# (0 is never in a region: the kernel lives there.)
user_to_phys:
    addi sp, sp, -8
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    mv   s0, a0
    call user_range_ok
    beqz a0, 1f
    USER_BASE a0, s0            # a0 = p.base (a profile hook: hooks-pg32.inc)
    add  a0, a0, a1             # (user_range_ok keeps a1)
1:  lw   ra, 0(sp)
    lw   s0, 4(sp)
    addi sp, sp, 8
    ret

# copyin(p, dst, src, len) -> 0, or -1 if src..src+len-1 is not p's: copy
# len bytes from user address src of process p to kernel address dst.
copyin:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   a1, 4(sp)              # dst
    sw   a3, 8(sp)              # len
    mv   a1, a2
    mv   a2, a3
    call user_to_phys
    beqz a0, 1f
    mv   a1, a0                 # memcpy(dst, physical src, len)
    lw   a0, 4(sp)
    lw   a2, 8(sp)
    call memcpy
    li   a0, 0
    j    2f
1:  li   a0, -1
2:  lw   ra, 0(sp)
    addi sp, sp, 12
    ret

# copyout(p, dst, src, len) -> 0, or -1 if dst..dst+len-1 is not p's: copy
# len bytes from kernel address src to user address dst of process p.
copyout:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   a2, 4(sp)              # src
    sw   a3, 8(sp)              # len
    mv   a2, a3
    call user_to_phys
    beqz a0, 1f
    lw   a1, 4(sp)              # memcpy(physical dst, src, len)
    lw   a2, 8(sp)
    call memcpy
    li   a0, 0
    j    2f
1:  li   a0, -1
2:  lw   ra, 0(sp)
    addi sp, sp, 12
    ret

# memcpy(dst, src, n): copy n bytes, one at a time.
memcpy:
    beqz a2, 2f
1:  lbu  t0, 0(a1)
    sb   t0, 0(a0)
    addi a0, a0, 1
    addi a1, a1, 1
    addi a2, a2, -1
    bnez a2, 1b
2:  ret

# zero_words(dst, n): clear n bytes at dst, a word at a time. dst and n
# must be multiples of 4.
zero_words:
    beqz a1, 2f
1:  sw   zero, 0(a0)
    addi a0, a0, 4
    addi a1, a1, -4
    bnez a1, 1b
2:  ret
