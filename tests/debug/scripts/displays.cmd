# args: kernel.s
# status: 1
# The displays, in system mode and in user mode under R.
regs
csr
disas
list
x save_t1
x 0 6 /w
x 0x40 /8x
x user_begin 12 /b
x user_begin 6 /a
info vm
until on_timer            # in the handler, after an interrupt from user mode
where
regs
info registers
csr
disas
disas trap_entry 3
list
list start_user
break mode user
c                         # back in user mode
delete
where
disas
x $pc /w
x $s1 /w                  # the user's counter: s1 holds its address in R
info steps
help break
help watch
help rs
help nonsense
