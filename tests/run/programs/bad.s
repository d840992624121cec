# Two assembly errors.
.include "pg32.inc"
    addi a0, a0, 70000
    jump done
done:
    halt
