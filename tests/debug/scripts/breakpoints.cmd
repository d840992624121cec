# args: kernel.s
# Breakpoints of every kind on the bare machine, and watchpoints.
break start_user
b kernel.s:35             # a comment line: the next line with code, trap_entry
break 0x4c                # an address: start_user+20
info breakpoints
continue
c
delete 1 3
break mode user
c                         # rfe: to user mode
x $pc 2                   # the user program's next words, through R
break trap TIMER
break mode system
c                         # three breakpoints hit at one stop
delete 2 4 5 6
break trap SYSCALL
c
until restore
delete
watch 0x4100              # the user's counter, physical
watch s0
c
c
delete 9
c
info breakpoints
delete
break trap BOUNDS
c
c
