// The dispatcher (see dispatcher.hpp).
#include "vmm/dispatcher.hpp"

#include "isa-spec/hex.hpp"
#include "vmm/interpreter.hpp"

#include <cstring>

namespace trapvm::vmm {

using pg32::Cause;

const char* decision_name(Decision d) {
    switch (d) {
    case Decision::Emulated: return "emulate";
    case Decision::Reflected: return "reflect";
    case Decision::Preempted: return "preempt";
    case Decision::Stopped: return "stop";
    case Decision::Deadline: return "deadline";
    case Decision::Patched: return "patch";
    }
    return "?";
}

namespace {

// The routine of every privileged instruction, for each kind of observer.
template <class Obs>
constexpr std::array<Routine<VirtualHart<Obs>>, pg32::kOpCount> kRoutines = routine_table<VirtualHart<Obs>>();

// The virtual privileged registers that differ between before and after.
std::vector<CsrChange> changes_between(const PrivRegs& before, const PrivRegs& after) {
    std::vector<CsrChange> changes;
    for (const pg32::CsrInfo& c : pg32::kCsrs)
        if (before.read(c.value) != after.read(c.value))
            changes.push_back({c.value, before.read(c.value), after.read(c.value)});
    return changes;
}

// The instruction a PRIVILEGED exit in virtual system mode asks to emulate:
// the word the real CPU reported, checked against the guest's memory at its
// pc and decoded as the machine runs it. The monitor trusts nothing it has
// not checked: anything else is a monitor bug, and stops only this VM.
std::optional<Insn> privileged_insn(Machine& machine, const Vm& vm, const Trap& exit, std::string* why) {
    uint64_t physical = uint64_t{vm.region.base} + vm.cpu.pc;
    bool inside =
        vm.cpu.pc % 4 == 0 && uint64_t{vm.cpu.pc} + 4 <= vm.region.size && physical + 4 <= machine.memory_size();
    std::optional<Insn> insn = inside ? machine.instruction_at(static_cast<uint32_t>(physical)) : std::nullopt;
    uint32_t word = 0;
    if (inside) std::memcpy(&word, machine.memory().data() + physical, 4);
    if (!inside || word != exit.badaddr)
        *why = "the word " + pg32::hex32(exit.badaddr) + " is not the guest's instruction at its pc";
    else if (!insn || !pg32::is_privileged(insn->instruction()))
        *why = "the word " + pg32::hex32(exit.badaddr) + " is no privileged instruction";
    else return insn;
    return std::nullopt;
}

// An exit the monitor cannot explain: this VM stops with an internal error
// (status 70 from trapvm); the other VMs run on.
ExitEvent internal_error(Vm& vm, const Trap& exit, const std::string& why) {
    vm.cpu.stop = Stop{.reason = StopReason::InternalError,
                       .pc = vm.cpu.pc,
                       .message = "monitor internal error: a " + pg32::cause_name(static_cast<uint32_t>(exit.cause)) +
                                  " exit at pc " + pg32::hex32(vm.cpu.pc) + ": " + why};
    return ExitEvent{
        .trap = exit, .pc = vm.cpu.pc, .virtual_system = vm.cpu.system_mode(), .decision = Decision::Stopped};
}

}  // namespace

ExitEvent Dispatcher::dispatch(Vm& vm, const Trap& exit) {
    std::optional<PrivRegs> before;
    if (observer_) before = vm.cpu.priv;  // only an observer wants to know what changed
    ExitEvent event{.trap = exit, .pc = vm.cpu.pc, .virtual_system = vm.cpu.system_mode()};
    switch (exit.cause) {
    case Cause::Privileged:
        if (vm.cpu.system_mode()) event = emulate(vm, exit);
        else event.decision = reflect(vm, exit);
        break;
    case Cause::Timer:
        ++vm.stats.preemptions;
        event.decision = Decision::Preempted;
        break;
    default:  // SYSCALL, BREAKPOINT, ILLEGAL, BOUNDS, MISALIGNED, DIVIDE
        event.decision = reflect(vm, exit);
        break;
    }
    if (observer_) {
        event.changes = changes_between(*before, vm.cpu.priv);
        event.real_rbase = machine_->priv().rbase;
        event.real_rbound = machine_->priv().rbound;
        observer_->exited(vm, event);
    }
    return event;
}

// Runs the privileged instruction's interpreter routine on the virtual CPU;
// the instruction then retires for the guest, exactly as on real hardware.
ExitEvent Dispatcher::emulate(Vm& vm, const Trap& exit) {
    std::string why;
    std::optional<Insn> checked = privileged_insn(*machine_, vm, exit, &why);
    if (!checked) return internal_error(vm, exit, why);
    const Insn& insn = *checked;
    uint32_t pc = vm.cpu.pc;
    NoObserver nobody;
    if (Observer* guest = guest_observer(vm)) run_routine(vm, insn, exit.badaddr, *guest);
    else run_routine(vm, insn, exit.badaddr, nobody);
    ++vm.stats.interpreted;
    ++vm.stats.emulated[static_cast<int>(insn.instruction())];
    allocator_->enter(*machine_, vm);  // the routine may have changed the virtual mode or R
    return ExitEvent{.trap = exit,
                     .pc = pc,
                     .virtual_system = true,
                     .decision = vm.running() ? Decision::Emulated : Decision::Stopped,
                     .routine = pg32::info(insn.instruction()).mnemonic};
}

// What the machine's run loop does around an instruction's semantics, done
// around its routine: the routine, the next pc, the count, the observer.
template <class Obs> void Dispatcher::run_routine(Vm& vm, const Insn& insn, uint32_t word, Obs& guest) {
    VirtualHart<Obs> h{vm.cpu, guest, vm.cpu.pc, vm.cpu.pc + 4};
    kRoutines<Obs>[static_cast<int>(insn.instruction())](h, insn);
    ++vm.cpu.steps;
    ++vm.cpu.ticks;
    guest.retired(h.at, word);
    vm.cpu.pc = h.next_pc;
}

}  // namespace trapvm::vmm
