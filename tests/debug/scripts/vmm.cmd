# args: --vmm kernel.s calls.s --quantum 50
# status: 1
# Two VMs under the monitor: the monitor's view, exits, both CPUs, and one
# VM stepped while the other runs in its time slices.
info vm
vm
break exit csrw
c                         # vm0 writes tvec: emulated by the monitor
regs
csr
delete
step                      # one guest instruction of vm0
vm 1
step 3                    # three of vm1's; vm0 runs meanwhile
where
watch total               # in vm1's memory
break exit halt
info breakpoints
c
c
c
c                         # vm1 halts; the stop is at the next event, vm0's
vm 1
x total /w                # vm1's variable, guest-physical
vm 0
x 0x4100 /w               # vm0's user counter, guest-physical
delete
break exit SYSCALL
c
info vm
delete
break exit any
c
c
delete
vm 7
c
info vm
