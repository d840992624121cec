// Reflection: a trap the guest's own kernel handles, and a virtual
// interrupt, delivered to the guest (see dispatcher.hpp).
#include "vmm/dispatcher.hpp"

namespace trapvm::vmm {

using pg32::Cause;

// The trap sequence, replayed on the virtual CPU by the machine's own
// take_trap(): a guest with no handler, or in a trap loop, stops as a bare
// machine would.
Decision Dispatcher::reflect(Vm& vm, const Trap& trap) {
    ++vm.stats.reflected[static_cast<uint32_t>(trap.cause)];
    if (Observer* guest = guest_observer(vm)) guest->trapped(trap, vm.cpu.pc, false);
    uint32_t epc = vm.cpu.pc;
    if (std::optional<Stop> stop = trap_stop(take_trap(vm.cpu.priv, vm.cpu.pc, trap, epc), trap, epc)) {
        vm.cpu.stop = std::move(*stop);
        return Decision::Stopped;
    }
    allocator_->enter(*machine_, vm);  // now in virtual system mode: the whole region
    return Decision::Reflected;
}

void Dispatcher::inject(Vm& vm, Cause cause) {
    ++vm.stats.injected[static_cast<uint32_t>(cause)];
    if (observer_) observer_->injected(vm, cause, vm.cpu.pc);
    Trap trap{cause, 0};
    if (Observer* guest = guest_observer(vm)) guest->trapped(trap, vm.cpu.pc, false);
    uint32_t epc = vm.cpu.pc;
    if (std::optional<Stop> stop = trap_stop(take_trap(vm.cpu.priv, vm.cpu.pc, trap, epc), trap, epc))
        vm.cpu.stop = std::move(*stop);
    else allocator_->enter(*machine_, vm);
}

}  // namespace trapvm::vmm
