// The dispatcher (see dispatcher.hpp).
#include "vmm/dispatcher.hpp"

#include "vmm/interpreter.hpp"

#include <cstdio>

namespace trapvm::vmm {

using pg32::Cause;

const char* decision_name(Decision d) {
    switch (d) {
    case Decision::Emulated: return "emulate";
    case Decision::Reflected: return "reflect";
    case Decision::Preempted: return "preempt";
    case Decision::Stopped: return "stop";
    case Decision::Deadline: return "deadline";
    }
    return "?";
}

// The virtual privileged registers that differ between before and after.
static std::vector<CsrChange> changes_between(const PrivRegs& before, const PrivRegs& after) {
    std::vector<CsrChange> changes;
    for (const pg32::CsrInfo& c : pg32::kCsrs)
        if (before.read(c.value) != after.read(c.value)) changes.push_back({c.value, before.read(c.value), after.read(c.value)});
    return changes;
}

ExitEvent Dispatcher::dispatch(Vm& vm, const Trap& exit, MonitorObserver* observer) {
    PrivRegs before;
    if (observer) before = vm.cpu.priv;  // only an observer wants to know what changed
    ExitEvent event{exit, vm.cpu.pc, vm.cpu.system_mode(), Decision::Reflected, nullptr, {}, 0, 0};
    switch (exit.cause) {
    case Cause::Privileged:
        if (vm.cpu.system_mode()) event = emulate(vm, exit, observer);
        else event.decision = reflect(vm, exit, observer);
        break;
    case Cause::Timer:
        ++vm.stats.preemptions;
        event.decision = Decision::Preempted;
        break;
    default:  // SYSCALL, BREAKPOINT, ILLEGAL, BOUNDS, MISALIGNED, DIVIDE
        event.decision = reflect(vm, exit, observer);
        break;
    }
    if (observer) {
        event.changes = changes_between(before, vm.cpu.priv);
        event.real_rbase = machine_.priv().rbase;
        event.real_rbound = machine_.priv().rbound;
        observer->exited(vm, event);
    }
    return event;
}

// Tells the guest's observer what an emulated instruction did, in the same
// events the machine reports for an instruction it runs itself (compare
// machine/semantics/system.hpp: csrw and rfe report their csr write).
static void report_emulation(Observer& guest, const VirtualCpu& cpu, const PrivRegs& before, const pg32::Decoded& insn,
                             uint32_t pc, uint32_t word, uint32_t old_rd) {
    pg32::Format format = pg32::info(insn.op).format;
    if (format == pg32::Format::IN) guest.port_accessed(static_cast<uint32_t>(insn.imm), cpu.regs[insn.rd], false);
    if (format == pg32::Format::OUT) guest.port_accessed(static_cast<uint32_t>(insn.imm), cpu.regs[insn.rs1], true);
    if (pg32::format_info(insn.op).rd.lo >= 0 && insn.rd != Registers::kSink)
        guest.register_written(insn.rd, old_rd, cpu.regs[insn.rd]);
    if (insn.op == pg32::Op::Csrw) {
        auto csr = static_cast<pg32::Csr>(insn.imm);
        guest.csr_written(csr, before.read(csr), cpu.priv.read(csr));
    }
    if (insn.op == pg32::Op::Rfe) guest.csr_written(pg32::Csr::Psw, before.psw, cpu.priv.psw);
    guest.retired(pc, word);
}

// The instruction a PRIVILEGED exit in virtual system mode asks to emulate:
// the word the real CPU reported, checked against the guest's memory at its
// pc and decoded with the machine's decoder. The monitor trusts nothing it
// has not checked: anything else is a monitor bug, and stops only this VM.
static std::optional<pg32::Decoded> privileged_insn(const Machine& machine, const Vm& vm, const Trap& exit,
                                                    std::string* why) {
    char word[16];
    std::snprintf(word, sizeof word, "0x%08x", exit.badaddr);
    std::optional<uint32_t> in_memory =
        vm.cpu.pc <= vm.region.size - 4 ? machine.read_physical(vm.region.base + vm.cpu.pc, 4) : std::nullopt;
    std::optional<pg32::Decoded> insn = pg32::decode(exit.badaddr);
    if (in_memory != exit.badaddr) *why = std::string("the word ") + word + " is not the guest's instruction at its pc";
    else if (!insn || !pg32::is_privileged(insn->op) || !routine_for(insn->op))
        *why = std::string("the word ") + word + " is no privileged instruction";
    else return insn;
    return std::nullopt;
}

// An exit the monitor cannot explain: this VM stops with an internal error
// (status 70 from trapvm); the other VMs run on.
static ExitEvent internal_error(Vm& vm, const Trap& exit, const std::string& why) {
    char pc[16];
    std::snprintf(pc, sizeof pc, "0x%08x", vm.cpu.pc);
    vm.cpu.stop = Stop{.reason = StopReason::InternalError,
                       .pc = vm.cpu.pc,
                       .message = "monitor internal error: a " + pg32::cause_name(static_cast<uint32_t>(exit.cause)) +
                                  " exit at pc " + pc + ": " + why};
    return ExitEvent{exit, vm.cpu.pc, vm.cpu.system_mode(), Decision::Stopped, nullptr, {}, 0, 0};
}

// Runs the privileged instruction's interpreter routine on the virtual CPU.
// The instruction then counts as retired for the guest, exactly as on real
// hardware.
ExitEvent Dispatcher::emulate(Vm& vm, const Trap& exit, MonitorObserver* observer) {
    std::string why;
    std::optional<pg32::Decoded> checked = privileged_insn(machine_, vm, exit, &why);
    if (!checked) return internal_error(vm, exit, why);
    ExitEvent event{exit, vm.cpu.pc, true, Decision::Emulated, nullptr, {}, 0, 0};
    pg32::Decoded insn = *checked;
    // A write to r0 goes to the sink slot, as in the machine, so that the
    // value an `in r0, port` read can still be reported to the observer.
    if (pg32::format_info(insn.op).rd.lo >= 0 && insn.rd == 0) insn.rd = Registers::kSink;
    Observer* guest = observer ? observer->guest(vm) : nullptr;
    uint32_t pc = vm.cpu.pc, old_rd = vm.cpu.regs[insn.rd];
    PrivRegs before = vm.cpu.priv;
    routine_for(insn.op)(vm.cpu, insn);
    event.routine = pg32::info(insn.op).mnemonic;
    ++vm.cpu.steps;
    ++vm.cpu.ticks;
    ++vm.stats.interpreted;
    ++vm.stats.emulated[static_cast<int>(insn.op)];
    if (guest) report_emulation(*guest, vm.cpu, before, insn, pc, exit.badaddr, old_rd);
    allocator_.enter(machine_, vm);  // the routine may have changed the virtual mode or R
    if (!vm.running()) event.decision = Decision::Stopped;
    return event;
}

// The trap sequence, replayed on the virtual CPU. A guest with no handler
// (virtual tvec = 0) stops, as a bare machine would.
Decision Dispatcher::reflect(Vm& vm, const Trap& trap, MonitorObserver* observer) {
    ++vm.stats.reflected[static_cast<uint32_t>(trap.cause)];
    Observer* guest = observer ? observer->guest(vm) : nullptr;
    if (guest) guest->trapped(trap, vm.cpu.pc, false);
    if (vm.cpu.priv.tvec == 0) {
        vm.cpu.stop = Stop{StopReason::UnhandledTrap, 0, trap, vm.cpu.pc};
        return Decision::Stopped;
    }
    if (trap_repeats_forever(vm.cpu.priv, vm.cpu.pc, trap, vm.cpu.pc)) {  // as bare hardware stops
        vm.cpu.stop = Stop{StopReason::Deadlock, 0, trap, vm.cpu.pc};
        return Decision::Stopped;
    }
    apply_trap(vm.cpu.priv, vm.cpu.pc, trap, vm.cpu.pc);
    allocator_.enter(machine_, vm);  // now in virtual system mode: the whole region
    return Decision::Reflected;
}

void Dispatcher::inject(Vm& vm, Cause cause, MonitorObserver* observer) {
    ++vm.stats.injected[static_cast<uint32_t>(cause)];
    if (observer) observer->injected(vm, cause, vm.cpu.pc);
    Observer* guest = observer ? observer->guest(vm) : nullptr;
    Trap trap{cause, 0};
    if (guest) guest->trapped(trap, vm.cpu.pc, false);
    if (vm.cpu.priv.tvec == 0) {
        vm.cpu.stop = Stop{StopReason::UnhandledTrap, 0, trap, vm.cpu.pc};
        return;
    }
    apply_trap(vm.cpu.priv, vm.cpu.pc, trap, vm.cpu.pc);
    allocator_.enter(machine_, vm);
}

}  // namespace trapvm::vmm
