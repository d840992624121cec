# proc.s: the process table, and how processes begin and end.
#
# There is no fork or exec: the processes are the programs listed in the
# boot configuration's boot_table, started once at boot. Slot i of
# proc_table holds pid i+1 and owns region i of physical memory
# (layout.inc), so the kernel never has to allocate memory.
#
# The boot table, written with the two macros below:
#
#   boot_table:                      each entry: the first byte of a user
#       process hello    # pid 1     program (assembled at address 0) and
#       process count    # pid 2     the byte after its last
#       .word 0          # the end
#       image hello                  image NAME includes NAME.img
#       image count

# process NAME: a boot_table entry, for the image named NAME.
.macro process, name
    .word image_\name, image_end_\name
.endm

# image NAME: the bytes of NAME.img from address 0, between two labels.
# (.incimage also keeps its symbols and lines, for the trace and debugger.)
.macro image, name
    .align 4
image_\name:
    .incimage "\name.img"
image_end_\name:
.endm

# proc_load_all(): one process per boot_table entry, in order. Panics if
# the table has more than NPROC entries.
proc_load_all:
    addi sp, sp, -12
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    la   s0, boot_table         # s0 = the next entry
    la   s1, proc_table         # s1 = the next slot
1:  lw   a1, 0(s0)
    beqz a1, 2f
    la   t0, proc_table + NPROC * PROC_SIZE
    la   a0, msg_too_many
    bgeu s1, t0, panic
    mv   a0, s1
    lw   a2, 4(s0)
    call proc_load
    addi s0, s0, 8
    addi s1, s1, PROC_SIZE
    j    1b
2:  lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    addi sp, sp, 12
    ret

# proc_load(p, start, end): make slot p a RUNNABLE process running the
# image at start..end-1: clear its region, copy the image to the bottom,
# and set up a trap frame as if it had trapped just before address 0
# with sp at the top of its region.
proc_load:
    addi sp, sp, -16
    sw   ra, 0(sp)
    sw   s0, 4(sp)
    sw   s1, 8(sp)
    sw   s2, 12(sp)
    mv   s0, a0                 # s0 = p
    mv   s1, a1                 # s1 = start
    sub  s2, a2, a1             # s2 = the image's size
    li   t0, REGION_SIZE
    la   a0, msg_image_too_big
    bgtu s2, t0, panic
    la   t0, proc_table         # pid = slot + 1;
    sub  t0, s0, t0             # region = USER_BASE + slot * REGION_SIZE
    li   t1, PROC_SIZE
    divu t0, t0, t1
    addi t1, t0, 1
    sw   t1, P_PID(s0)
    li   t1, REGION_SIZE
    mul  t0, t0, t1
    li   t1, USER_BASE
    add  t0, t0, t1
    sw   t0, P_BASE(s0)
    li   t1, REGION_SIZE
    sw   t1, P_SIZE(s0)

    lw   a0, P_BASE(s0)         # clear the region: a process must not see
    li   a1, REGION_SIZE        # what was there before. (With too little
    call zero_words             # memory, this is where the kernel faults.)
    lw   a0, P_BASE(s0)
    mv   a1, s1
    mv   a2, s2
    call memcpy                 # the program, at user address 0

    mv   a0, s0                 # the trap frame: every register 0, except
    li   a1, TF_SIZE
    call zero_words
    li   t0, REGION_SIZE        # sp = the top of the region
    sw   t0, TF_SP(s0)
    sw   zero, TF_PC(s0)        # pc = 0: _start
    li   t0, P_RUNNABLE
    sw   t0, P_STATE(s0)
    lw   ra, 0(sp)
    lw   s0, 4(sp)
    lw   s1, 8(sp)
    lw   s2, 12(sp)
    addi sp, sp, 16
    ret

# proc_exit(p, status): process p ends. Its slot becomes FREE (nobody
# waits for it: there are no parents). The status of pid 1 is kept: it
# is the machine's exit status once every process has ended.
proc_exit:
    li   t0, P_FREE
    sw   t0, P_STATE(a0)
    lw   t0, P_PID(a0)
    li   t1, 1
    bne  t0, t1, 1f
    sw   a1, init_status(zero)
1:  ret

    .data
    .align 4
proc_table:
    .space NPROC * PROC_SIZE
init_status:                    # exit status of pid 1
    .word 0
msg_too_many:
    .asciz "more processes in boot_table than NPROC"
msg_image_too_big:
    .asciz "a boot image does not fit in a region"
    .text
