# The wrong kind of operand: each message says what the instruction takes.
        add a0, a1, 5
        addi a0, a1, a2
        sltu t0, t1, 100
        lw a0, a1
        sw a0, 4
        lw a0, 4(5)
        jalr ra, ()
        beq a0, 8, done
done:   csrw 3, a0
