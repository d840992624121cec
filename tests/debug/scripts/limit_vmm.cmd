# args: --vmm forever.s calls.s --max-steps 2000 --quantum 300
# status: 1
# The step limit under the monitor holds for each VM: vm1 halts on its own,
# vm0 never would and stops at its limit.
continue
vm 0
reverse-step
goto vm1:100
goto 2001
goto 500                  # vm1 stopped at 190: where it stopped
