# args: --vmm {guest-os}/boot-mix.img
# The same under the monitor: user programs are recognised in the VM's own
# memory at its virtual R.
break count.s:20
continue
where
continue
where
watch out_len
continue
