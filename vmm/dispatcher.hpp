// The dispatcher (Popek and Goldberg's D): every exit from a guest lands
// here, and a switch on the cause decides who handles it:
//
//   PRIVILEGED in virtual system mode -> the instruction's interpreter routine
//   PRIVILEGED in virtual user mode   -> reflect: the guest's kernel handles it
//   SYSCALL BREAKPOINT ILLEGAL BOUNDS
//   MISALIGNED DIVIDE                 -> reflect
//   TIMER (the real one)              -> the VM's time slice is over
//
// Reflecting replays the architectural trap sequence on the virtual CPU
// (take_trap(), the machine's own), so the guest sees exactly the trap bare
// hardware would have given it. The monitor owns one Dispatcher, whatever
// its technique: under the hybrid monitor a trap raised by an instruction it
// interprets (hybrid.hpp) lands here too, and is reflected the same way.
//
// The interpreter routines (interpreter.hpp) are included by dispatcher.cpp
// only, and reflect() and inject() live in reflect.cpp: the C++ labs
// (labs/monitor) rebuild those files from a student's copies, so no header
// another library includes may depend on them.
#pragma once

#include "vmm/allocator.hpp"
#include "vmm/monitor_observer.hpp"
#include "vmm/vm.hpp"

namespace trapvm::vmm {

class Dispatcher {
public:
    Dispatcher(Machine& machine, Allocator& allocator) : machine_(&machine), allocator_(&allocator) {}

    void set_observer(MonitorObserver* observer) { observer_ = observer; }

    // Handles one exit of vm (its registers already saved in vm.cpu).
    ExitEvent dispatch(Vm& vm, const Trap& exit);

    // Delivers a virtual interrupt: the trap sequence on the virtual CPU,
    // with epc = the instruction the guest would have run next.
    void inject(Vm& vm, pg32::Cause cause);

private:
    ExitEvent emulate(Vm& vm, const Trap& exit);
    template <class Obs> void run_routine(Vm& vm, const Insn& insn, uint32_t word, Obs& guest);
    Decision reflect(Vm& vm, const Trap& trap);
    Observer* guest_observer(const Vm& vm) const { return observer_ ? observer_->guest(vm) : nullptr; }

    Machine* machine_;
    Allocator* allocator_;
    MonitorObserver* observer_ = nullptr;
};

}  // namespace trapvm::vmm
