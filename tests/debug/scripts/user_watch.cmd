# args: ../../../examples/user.s
# status: 1
# Watchpoints on user addresses: @N is rbase + N (checked against rbound),
# in either mode; here the stack slot where print keeps a0, written from
# user mode and shown by its user label.
break print
continue
where
watch @0xff8
watch @0x2000
continue
x @0xff8
info breakpoints
continue
