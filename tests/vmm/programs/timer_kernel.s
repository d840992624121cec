# A tiny kernel for the equivalence tests: it runs one user program
# relocated by R, preempts it with the timer, serves a print system call,
# and powers off after TICKS timer interrupts (the kernel: preempt_kernel.inc).
.equ TICKS, 40                 # timer interrupts before power-off
.equ INTERVAL, 37              # instructions between timer interrupts
.equ SYSCALL_MASK, 0x3f        # a system call every 64 iterations
.include "preempt_kernel.inc"
