# args: {guest-os}/boot-mix.img
# The guest OS's user programs by their own names (.incimage keeps them):
# a breakpoint on a user label or line stops in that program whichever
# region the kernel loaded it into; a watchpoint on a user label watches
# the copy at R; displays name user code at its user address.
break count.s:20
info breakpoints
continue
where
list
continue
where
watch out_len
delete 1
continue
x out_len
disas
break main
continue
list main
