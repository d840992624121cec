// Reflection: a trap the guest's own kernel handles, and a virtual
// interrupt, delivered to the guest (see dispatcher.hpp).
#include "vmm/dispatcher.hpp"

namespace trapvm::vmm {

using pg32::Cause;

// The trap sequence, replayed on the virtual CPU by the machine's own
// take_trap(): a guest with no handler, or in a trap loop, stops as a bare
// machine would.
Decision Dispatcher::reflect(Vm& vm, const Trap& trap) {
    // >>> lab monitor: reflect a trap into the guest's kernel (task 4)
    ++vm.stats.reflected[static_cast<uint32_t>(trap.cause)];
    if (Observer* guest = guest_observer(vm)) guest->trapped(trap, vm.cpu.pc, false);
    uint32_t epc = vm.cpu.pc;
    if (std::optional<Stop> stop = trap_stop(take_trap(vm.cpu.priv, vm.cpu.pc, trap, epc), trap, epc)) {
        vm.cpu.stop = std::move(*stop);
        return Decision::Stopped;
    }
    allocator_->enter(*machine_, vm);  // now in virtual system mode: the whole region
    return Decision::Reflected;
    // --- starter
    //|     (void)trap;  // task 4: the trap sequence on the virtual CPU (take_trap), then the real R again
    //|     vm.cpu.stop = Stop{.reason = StopReason::InternalError,
    //|                        .pc = vm.cpu.pc,
    //|                        .message = "monitor internal error: reflect() is not written yet (task 4)"};
    //|     return Decision::Stopped;
    // <<< lab monitor
}

void Dispatcher::inject(Vm& vm, Cause cause) {
    // >>> lab monitor: deliver a virtual interrupt (task 5)
    ++vm.stats.injected[static_cast<uint32_t>(cause)];
    if (observer_) observer_->injected(vm, cause, vm.cpu.pc);
    Trap trap{cause, 0};
    if (Observer* guest = guest_observer(vm)) guest->trapped(trap, vm.cpu.pc, false);
    uint32_t epc = vm.cpu.pc;
    if (std::optional<Stop> stop = trap_stop(take_trap(vm.cpu.priv, vm.cpu.pc, trap, epc), trap, epc))
        vm.cpu.stop = std::move(*stop);
    else allocator_->enter(*machine_, vm);
    // --- starter
    //|     (void)cause;  // task 5: like a reflection, with epc = the instruction the guest would run next
    //|     vm.cpu.stop = Stop{.reason = StopReason::InternalError,
    //|                        .pc = vm.cpu.pc,
    //|                        .message = "monitor internal error: inject() is not written yet (task 5)"};
    // <<< lab monitor
}

}  // namespace trapvm::vmm
