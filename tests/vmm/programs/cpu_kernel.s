# The CPU-bound twin of timer_kernel.s: the same kernel with a coarse timer,
# and a user program that makes a system call only every 16384 iterations.
.equ TICKS, 30                 # timer interrupts before power-off
.equ INTERVAL, 10000           # instructions between timer interrupts
.equ SYSCALL_MASK, 0x3fff      # a system call every 16384 iterations
.include "preempt_kernel.inc"
