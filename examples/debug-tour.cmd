# A scripted debugger session, from the README's tour: the guest OS under
# the monitor, stopped at its first system call (in the kernel's trap
# entry), its registers, then one step back to the user program's sys.
#
#     trapvm debug --vmm build/guest-os/boot-mix.img --script examples/debug-tour.cmd
break trap SYSCALL
continue
where
regs
reverse-step
where
