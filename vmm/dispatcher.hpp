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

    // Whether dispatch() emulates the exit (a PRIVILEGED exit in virtual
    // system mode), and that part of dispatch() alone, without the report:
    // the exit's instruction run for the guest, with its general registers
    // in regs. Its op, or nothing when the monitor could not explain the exit
    // (then this VM stopped). For the monitor's exits in place, which nobody
    // watches, the registers still in the real CPU.
    static bool emulates(const Vm& vm, const Trap& exit) {
        return exit.cause == pg32::Cause::Privileged && vm.cpu.system_mode();
    }
    std::optional<pg32::Op> run_emulated(Vm& vm, const Trap& exit, Registers& regs);

    // Delivers a virtual interrupt: the trap sequence on the virtual CPU,
    // with epc = the instruction the guest would have run next.
    void inject(Vm& vm, pg32::Cause cause);

private:
    ExitEvent decide(Vm& vm, const Trap& exit);
    ExitEvent emulate(Vm& vm, const Trap& exit);
    template <class Obs> void run_routine(Vm& vm, Registers& regs, pg32::Op op, Insn insn, uint32_t word, Obs& guest);
    Decision reflect(Vm& vm, const Trap& trap);
    Observer* guest_observer(const Vm& vm) const { return observer_ ? observer_->guest(vm) : nullptr; }

    Machine* machine_;
    Allocator* allocator_;
    MonitorObserver* observer_ = nullptr;
};

}  // namespace trapvm::vmm
