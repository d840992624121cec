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

// The real address of the guest's pc, when the word there lies inside its
// region and the machine's memory.
std::optional<uint32_t> pc_physical(const Machine& machine, const Vm& vm) {
    uint64_t physical = uint64_t{vm.region.base} + vm.cpu.pc;
    if (vm.cpu.pc % 4 != 0 || uint64_t{vm.cpu.pc} + 4 > vm.region.size || physical + 4 > machine.memory_size())
        return std::nullopt;
    return static_cast<uint32_t>(physical);
}

// Whether the exit's word is the one at the guest's pc.
bool word_at_pc(const Machine& machine, std::optional<uint32_t> physical, const Trap& exit) {
    if (!physical) return false;
    uint32_t word = 0;
    std::memcpy(&word, machine.memory().data() + *physical, 4);
    return word == exit.badaddr;
}

// What the allocator composes the real R from (allocator.hpp).
struct ModeAndR {
    uint32_t psw, rbase, rbound;
    friend bool operator==(const ModeAndR&, const ModeAndR&) = default;
};
ModeAndR mode_and_r(const PrivRegs& p) { return {p.psw, p.rbase, p.rbound}; }

// The instruction a PRIVILEGED exit in virtual system mode asks to emulate:
// the word the real CPU reported, checked against the guest's memory at its
// pc and decoded as the machine runs it (in the common case the machine's
// pre-decoded instruction, read in place; a patched word is decoded into
// `decoded`). The monitor trusts nothing it has not checked: anything else
// is a monitor bug (why_not()), and stops only this VM.
const Insn* privileged_insn(Machine& machine, const Vm& vm, const Trap& exit, Insn& decoded) {
    std::optional<uint32_t> physical = pc_physical(machine, vm);
    if (!word_at_pc(machine, physical, exit)) return nullptr;
    const Insn* insn = machine.predecoded_at(*physical);
    if (!insn) {
        std::optional<Insn> d = machine.instruction_at(*physical);
        if (!d) return nullptr;
        decoded = *d;
        insn = &decoded;
    }
    return pg32::is_privileged(insn->instruction()) ? insn : nullptr;
}

// Why privileged_insn() found no instruction to emulate.
std::string why_not(const Machine& machine, const Vm& vm, const Trap& exit) {
    if (!word_at_pc(machine, pc_physical(machine, vm), exit))
        return "the word " + pg32::hex32(exit.badaddr) + " is not the guest's instruction at its pc";
    return "the word " + pg32::hex32(exit.badaddr) + " is no privileged instruction";
}

// An exit the monitor cannot explain: this VM stops with an internal error
// (status 70 from trapvm); the other VMs run on. (Never inlined: it keeps
// the strings off the path of every exit.)
[[gnu::noinline]] void stop_unexplained(const Machine& machine, Vm& vm, const Trap& exit) {
    vm.cpu.stop = Stop{.reason = StopReason::InternalError,
                       .pc = vm.cpu.pc,
                       .message = "monitor internal error: a " + pg32::cause_name(static_cast<uint32_t>(exit.cause)) +
                                  " exit at pc " + pg32::hex32(vm.cpu.pc) + ": " + why_not(machine, vm, exit)};
}

}  // namespace

ExitEvent Dispatcher::dispatch(Vm& vm, const Trap& exit) {
    if (!observer_) return decide(vm, exit);
    PrivRegs before = vm.cpu.priv;  // only an observer wants to know what changed
    ExitEvent event = decide(vm, exit);
    event.changes = changes_between(before, vm.cpu.priv);
    event.real_rbase = machine_->priv().rbase;
    event.real_rbound = machine_->priv().rbound;
    observer_->exited(vm, event);
    return event;
}

// Who handles the exit, by its cause (the table in dispatcher.hpp).
ExitEvent Dispatcher::decide(Vm& vm, const Trap& exit) {
    if (emulates(vm, exit)) return emulate(vm, exit);
    ExitEvent event{.trap = exit, .pc = vm.cpu.pc, .virtual_system = vm.cpu.system_mode()};
    if (exit.cause == Cause::Timer) {
        ++vm.stats.preemptions;
        event.decision = Decision::Preempted;
    } else {  // PRIVILEGED in virtual user mode, SYSCALL, BREAKPOINT, ILLEGAL, BOUNDS, MISALIGNED, DIVIDE
        event.decision = reflect(vm, exit);
    }
    return event;
}

// Runs the privileged instruction's interpreter routine on the virtual CPU;
// the instruction then retires for the guest, exactly as on real hardware.
ExitEvent Dispatcher::emulate(Vm& vm, const Trap& exit) {
    ExitEvent event{.trap = exit, .pc = vm.cpu.pc, .virtual_system = true, .decision = Decision::Stopped};
    if (std::optional<pg32::Op> op = run_emulated(vm, exit, vm.cpu.regs)) {
        event.routine = pg32::info(*op).mnemonic;
        if (vm.running()) event.decision = Decision::Emulated;
    }
    return event;
}

std::optional<pg32::Op> Dispatcher::run_emulated(Vm& vm, const Trap& exit, Registers& regs) {
    Insn decoded;
    const Insn* insn = privileged_insn(*machine_, vm, exit, decoded);
    if (!insn) {
        stop_unexplained(*machine_, vm, exit);
        return std::nullopt;
    }
    pg32::Op op = insn->instruction();
    ModeAndR before = mode_and_r(vm.cpu.priv);
    if (Observer* guest = guest_observer(vm)) {
        run_routine(vm, regs, op, *insn, exit.badaddr, *guest);
    } else {
        NoObserver nobody;
        run_routine(vm, regs, op, *insn, exit.badaddr, nobody);
    }
    ++vm.stats.interpreted;
    ++vm.stats.emulated[static_cast<int>(op)];
    if (mode_and_r(vm.cpu.priv) != before) allocator_->enter(*machine_, vm);  // the real R follows
    return op;
}

// What the machine's run loop does around an instruction's semantics, done
// around its routine: the routine, the next pc, the count, the observer.
// (The routine sees op's instruction without the run loop's kCheck mark.)
template <class Obs>
void Dispatcher::run_routine(Vm& vm, Registers& regs, pg32::Op op, Insn insn, uint32_t word, Obs& guest) {
    VirtualHart<Obs> h{.cpu = vm.cpu, .obs = guest, .at = vm.cpu.pc, .next_pc = vm.cpu.pc + 4, .regs = &regs};
    insn.op = static_cast<uint8_t>(static_cast<int>(op) + 1);
    switch (op) {  // each case a call the compiler sees through and inlines, as it cannot through kRoutines[op]
#define PG32_ROUTINE_CASE(Name, mnemonic, where) \
    case pg32::Op::Name: kRoutines<Obs>[static_cast<int>(pg32::Op::Name)](h, insn); break;
        PG32_PRIVILEGED_INSTRUCTIONS(PG32_ROUTINE_CASE)
#undef PG32_ROUTINE_CASE
    default: break;  // privileged_insn() let only privileged instructions through
    }
    ++vm.cpu.steps;
    ++vm.cpu.ticks;
    guest.retired(h.at, word);
    vm.cpu.pc = h.next_pc;
}

}  // namespace trapvm::vmm
