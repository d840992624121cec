# redpill.s: the Red Pill test (Joanna Rutkowska, 2004: SIDT in a user
# program) for the vt profile. rdrbase, unprivileged, reads the real
# relocation base in user mode: on bare hardware the region the kernel gave
# this process; under a monitor that placed the VM elsewhere in real memory
# (any VM but one at real address 0), that plus the VM's own base. Only a
# monitor that sees the instruction (--vmm=hardware: it traps in guest mode)
# can answer with the virtual base. Assembled with --profile vt.
.include "ulib.s"

main:
    addi sp, sp, -4
    sw   ra, 0(sp)
    rdrbase a1                  # where am I, really?
    la   a0, line
    call printf
    li   a0, 0
    lw   ra, 0(sp)
    addi sp, sp, 4
    ret

    .data
line:
    .asciz "redpill: my region starts at %x\n"
