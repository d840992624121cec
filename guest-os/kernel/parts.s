# parts.s: the parts of the kernel, in reading order (kernel.s).
    .text
.include "boot.s"          # _start: must come first (entry at address 0)
.include "trap.s"          # trap entry and exit, dispatch on cause
.include "syscall.s"       # system calls
.include "sched.s"         # round-robin scheduler, idle, ticks
.include "proc.s"          # process table: load, exit, kill
.include "usermem.s"       # checked copies between user and kernel memory
.include "console.s"       # the console device
.include "print.s"         # kernel messages: strings, numbers, panics
