# args: calls.s
# status: 1
# Bad commands: one line each, and the session goes on.
stpe
sep
contineu
frobnicate
re                        # ambiguous: reverse-step, reverse-continue, regs
step zero
step 0
step 1 2
next -1
until
until nowhere
until calls.s:999
break nowhere
break trap NOPE
break trap
break mode sideways
break exit csrw           # no monitor
watch
watch zero
watch total 3
watch 0x7fffffff
delete 42
delete x
x
x nowhere
x 0x7ffffffc 2
x total /q
x total 2 3
x $nope
disas nowhere
list nowhere
info
info nothing
goto
goto later
vm
vm 1
rs                        # at the start
rc
help stpe
regs extra
quit
step                      # not run: quit ended the script
