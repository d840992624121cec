# kernel.s: the whole kernel, one file per part. A boot configuration
# (guest-os/boot/*.s) includes this file and then lists the programs to
# start in its boot_table.
#
# Reading order: boot.s (how it starts), trap.s (how user code enters and
# leaves the kernel), syscall.s, sched.s, proc.s; then the helpers.

.include "pg32.inc"        # the machine's named constants (generated)
.include "layout.inc"      # the kernel's memory map and structures

    .text
.include "boot.s"          # _start: must come first (entry at address 0)
.include "trap.s"          # trap entry and exit, dispatch on cause
.include "syscall.s"       # system calls
.include "sched.s"         # round-robin scheduler, idle, ticks
.include "proc.s"          # process table: load, exit, kill
.include "usermem.s"       # checked copies between user and kernel memory
.include "console.s"       # the console device
.include "print.s"         # kernel messages: strings, numbers, panics
