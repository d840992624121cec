// The patch technique (see patch.hpp): which instructions are patched, and
// what the monitor does when one of them stops the real CPU.
#include "vmm/patch.hpp"

#include "vmm/hybrid.hpp"
#include "vmm/monitor.hpp"

namespace trapvm::vmm {

OpSet patched_instructions(const pg32::ProfileInfo& profile) {
    OpSet ops;
    for (int i = 0; i < pg32::kOpCount; ++i) {
        auto op = static_cast<pg32::Op>(i);
        if (pg32::in_profile(op, profile) && pg32::is_sensitive(op) && !pg32::is_privileged(op))
            ops.set(static_cast<size_t>(i));
    }
    return ops;
}

namespace {

// The virtual privileged registers the instruction changed, for the observer.
std::vector<CsrChange> csr_changes(const PrivRegs& before, const PrivRegs& after) {
    std::vector<CsrChange> changes;
    for (const pg32::CsrInfo& c : pg32::kCsrs)
        if (before.read(c.value) != after.read(c.value))
            changes.push_back({c.value, before.read(c.value), after.read(c.value)});
    return changes;
}

}  // namespace

// The instruction of a PRIVILEGED exit the monitor made trap, or nothing.
// A privileged instruction is never patched, so its opcode tells them apart;
// the word is the one at the guest's pc (the real CPU fetched it there).
std::optional<pg32::Op> Monitor::patched_op(const Trap& exit) const {
    if (exit.cause != pg32::Cause::Privileged) return std::nullopt;
    std::optional<pg32::Decoded> d = pg32::decode(exit.badaddr, machine_.profile());
    if (!d || !machine_.user_traps().test(static_cast<size_t>(d->op))) return std::nullopt;
    return d->op;
}

// A patched instruction stopped the real CPU before it ran: the monitor runs
// the original on the virtual CPU with the machine's semantics (one guest
// step, a unit of guest work like an emulated instruction) and reports the
// exit. A trap the original raises (jrst to a misaligned address) goes to
// the dispatcher and is reflected, as bare hardware would take it.
void Monitor::run_patched(Vm& vm, const Trap& exit, pg32::Op op) {
    Observer* guest = observer_ ? observer_->guest(vm) : nullptr;
    NoObserver nobody;
    PrivRegs before = vm.cpu.priv;
    uint32_t pc = vm.cpu.pc;
    Interpreted done = guest ? interpret_fetched(machine_, vm, *guest) : interpret_fetched(machine_, vm, nobody);
    charge(1);
    if (done.kind == Interpreted::Kind::Trapped) {
        dispatcher_.dispatch(vm, done.trap);
        return;
    }
    ++vm.stats.patched;
    ++vm.stats.patched_by_op[static_cast<int>(op)];
    allocator_.enter(machine_, vm);  // it may have changed the virtual mode (wrpsw, jrst)
    if (!observer_) return;
    ExitEvent event{.trap = exit,
                    .pc = pc,
                    .virtual_system = before.system_mode(),
                    .decision = Decision::Patched,
                    .routine = pg32::info(op).mnemonic,
                    .changes = csr_changes(before, vm.cpu.priv),
                    .real_rbase = machine_.priv().rbase,
                    .real_rbound = machine_.priv().rbound};
    observer_->exited(vm, event);
}

}  // namespace trapvm::vmm
