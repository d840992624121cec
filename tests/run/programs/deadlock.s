# Waits for an interrupt with the timer off and the console interrupt
# disabled: nothing can ever wake it.
    nop
    wfi
    halt
