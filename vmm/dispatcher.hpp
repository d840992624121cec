// The dispatcher (Popek and Goldberg's D): every exit from a guest lands
// here, and a switch on the cause decides who handles it:
//
//   PRIVILEGED in virtual system mode -> the instruction's interpreter routine
//   PRIVILEGED in virtual user mode   -> reflect: the guest's kernel handles it
//   SYSCALL BREAKPOINT ILLEGAL BOUNDS
//   MISALIGNED DIVIDE                 -> reflect
//   TIMER (the real one)              -> the VM's time slice is over
//
// Reflecting replays the architectural trap sequence on the virtual CPU, so
// the guest sees exactly the trap bare hardware would have given it.
#pragma once

#include "vmm/allocator.hpp"
#include "vmm/monitor_observer.hpp"
#include "vmm/vm.hpp"

namespace trapvm::vmm {

class Dispatcher {
public:
    Dispatcher(Machine& machine, Allocator& allocator) : machine_(machine), allocator_(allocator) {}

    // Handles one exit of vm (its registers already saved in vm.cpu).
    ExitEvent dispatch(Vm& vm, const Trap& exit, MonitorObserver* observer);

    // Delivers a virtual interrupt: the trap sequence on the virtual CPU,
    // with epc = the instruction the guest would have run next.
    void inject(Vm& vm, pg32::Cause cause, MonitorObserver* observer);

private:
    ExitEvent emulate(Vm& vm, const Trap& exit, MonitorObserver* observer);
    Decision reflect(Vm& vm, const Trap& trap, MonitorObserver* observer);

    Machine& machine_;
    Allocator& allocator_;
};

}  // namespace trapvm::vmm
