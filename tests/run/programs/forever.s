# Never stops: only --max-steps ends it.
loop:
    addi a0, a0, 1
    j    loop
