// Hints for common mistakes (see hints.hpp).
#include "tools/hints.hpp"

#include "isa-spec/hex.hpp"
#include "isa-spec/isa.hpp"
#include "tools/program.hpp"

#include <deque>

namespace trapvm::cli {

namespace {

using pg32::Cause;
using pg32::hex32;

std::string cause_name(Cause c) { return pg32::cause_name(static_cast<uint32_t>(c)); }

// The trap the run stopped with, when it stopped with one.
std::optional<TrapSeen> final_trap(const HintFacts& f) {
    if (f.outcome.kind != Outcome::Kind::UnhandledTrap) return std::nullopt;
    return TrapSeen{f.outcome.trap, f.outcome.pc, f.user, f.rbound};
}

// pc is just past a program's last instruction when the word before it is
// code that runs on into pc (no jump without return, halt or rfe): that
// word's source line, else "".
std::string line_before(const Image& image, uint32_t pc, bool user, uint32_t rbase) {
    if (pc < pg32::kWordBytes) return "";
    uint32_t before = pc - pg32::kWordBytes;
    std::string line = source_of_pc(image, before, user, rbase);
    std::optional<uint32_t> word = image.word_at(user ? before + rbase : before);
    std::optional<pg32::Decoded> d = word ? pg32::decode(*word) : std::nullopt;
    if (line.empty() || !d) return "";
    uint16_t effects = pg32::info(d->op).effects;
    bool jumps_away = (effects & pg32::kJump) && (d->op == pg32::Op::Rfe || d->rd == 0);
    return jumps_away || (effects & pg32::kHalt) ? "" : line;
}

// last_line: line_before() the trap's pc.
std::string no_halt(const TrapSeen& t, uint32_t memory_size, const std::string& last_line) {
    if (t.trap.cause == Cause::Illegal && t.trap.badaddr == 0) {
        if (!last_line.empty())
            return "the program ran on past its last instruction (" + last_line +
                   ") into zeroed memory: no halt at its end?";
        return "the word at pc " + hex32(t.epc) +
               " is 0, no instruction: a jump or return to a wrong address, or no halt at the end of the program?";
    }
    bool fetch = t.trap.cause == Cause::Bounds && t.trap.badaddr == t.epc && !t.user;
    if (fetch && uint64_t{t.epc} + 4 > memory_size)
        return "the program ran off the end of memory at pc " + hex32(t.epc) + " (no halt at its end?)";
    return "";
}

std::string rbound_zero(const TrapSeen& t) {
    if (t.trap.cause != Cause::Bounds || !t.user || t.rbound != 0) return "";
    return "rbound is 0, so every user address traps with BOUNDS (this one at " + hex32(t.trap.badaddr) +
           "): set R (csrw rbase, ...; csrw rbound, SIZE) before entering user mode";
}

// The last traps, if they are kRepeats or more of the same trap at the same
// pc, each taken before any instruction retired after the handler's rfe:
// the handler returned to the trap itself. (A loop of correct system calls,
// or a kernel idling in wfi, retires an instruction or more in between.)
std::optional<TrapSeen> repeated(const std::vector<TrapSeen>& recent) {
    if (recent.size() < kRepeats) return std::nullopt;
    const TrapSeen& last = recent.back();
    for (size_t i = recent.size() - kRepeats; i < recent.size(); ++i) {
        const TrapSeen& t = recent[i];
        if (t.trap.cause != last.trap.cause || t.epc != last.epc || !t.right_after_rfe) return std::nullopt;
    }
    return last;
}

std::string over_and_over(const TrapSeen& t) {
    std::string again = "the same " + cause_name(t.trap.cause) + " at pc " + hex32(t.epc) + " again and again";
    if (t.trap.cause == Cause::Timer)
        return again +
               ": the TIMER interrupt is taken again as soon as its handler returns: acknowledge it "
               "(out TIMER_STATUS, REG) before rfe";
    if (t.trap.cause == Cause::Syscall)
        return again + ": the handler returns to the sys itself: set epc to epc + 4 before rfe";
    if (t.trap.is_interrupt()) return again + ": acknowledge the interrupt before rfe";
    return again + ": the handler returns to the instruction that traps: skip it (epc + 4) or end the program";
}

// Keeps the last kTrapsKept traps of a run.
class TrapLog {
public:
    void add(const TrapSeen& t) {
        if (traps_.size() == kTrapsKept) traps_.pop_front();
        traps_.push_back(t);
    }
    std::vector<TrapSeen> list() const { return {traps_.begin(), traps_.end()}; }

private:
    std::deque<TrapSeen> traps_;
};

// The traps a CPU takes, as its observer sees them (just before the trap
// sequence: the mode and R are the trapping code's): the bare machine's, or
// a VM's guest-visible ones under the monitor (reflected and injected).
class TrapWatch : public Observer {
public:
    explicit TrapWatch(const PrivRegs& priv) : priv_(&priv) {}
    void retired(uint32_t, uint32_t word) override {
        std::optional<pg32::Decoded> d = pg32::decode(word);
        after_rfe_ = d && d->op == pg32::Op::Rfe;
    }
    void trapped(const Trap& trap, uint32_t epc, bool) override {
        log.add({trap, epc, !priv_->system_mode(), priv_->rbound, after_rfe_});
        after_rfe_ = false;
    }
    TrapLog log;

private:
    const PrivRegs* priv_;
    bool after_rfe_ = false;  // the last instruction retired was an rfe
};

// The guest-visible traps of each VM.
class MonitorTraps : public vmm::MonitorObserver {
public:
    explicit MonitorTraps(const std::vector<vmm::Vm>& vms) {
        for (const vmm::Vm& vm : vms) watches.emplace_back(vm.cpu.priv);
    }
    Observer* guest(const vmm::Vm& vm) override { return &watches[static_cast<size_t>(vm.id)]; }
    std::vector<TrapWatch> watches;
};

// The console of a run looked at further: nothing printed, nothing read.
void cut_off(Console& console) {
    console.sink = nullptr;
    console.budget = nullptr;
    console.input = InputStream::none();
    console.input_pos = 0;
}

}  // namespace

std::string hint_for(const HintFacts& f) {
    std::optional<TrapSeen> stop = final_trap(f);
    std::optional<TrapSeen> again = repeated(f.recent);
    for (int i = 0; i < 2; ++i) {
        const std::optional<TrapSeen>& t = i == 0 ? stop : again;
        if (!t) continue;
        if (std::string h = no_halt(*t, f.memory_size, i == 0 ? f.last_line : ""); !h.empty()) return h;
        if (std::string h = rbound_zero(*t); !h.empty()) return h;
    }
    return again ? over_and_over(*again) : "";
}

std::string hint_after(Machine& machine, const Outcome& outcome, const Image& image) {
    const PrivRegs& priv = machine.priv();
    HintFacts facts{outcome, !priv.system_mode(), priv.rbound, machine.memory_size(), {}, ""};
    facts.last_line = line_before(image, outcome.pc, facts.user, priv.rbase);
    if (outcome.kind == Outcome::Kind::StepLimit && !machine.stopped()) {
        cut_off(machine.devices().console);
        TrapWatch traps(machine.priv());
        machine.run(kProbeSteps, traps);
        facts.recent = traps.log.list();
    }
    return hint_for(facts);
}

std::vector<std::string> hints_after(vmm::Monitor& monitor, const std::vector<Outcome>& outcomes,
                                     const std::vector<Image>& images) {
    std::vector<HintFacts> facts;
    bool probe = false;
    for (size_t i = 0; i < monitor.vms().size() && i < outcomes.size(); ++i) {
        const vmm::Vm& vm = monitor.vms()[i];
        facts.push_back({outcomes[i], !vm.cpu.system_mode(), vm.cpu.priv.rbound, vm.region.size, {}, ""});
        if (i < images.size())
            facts[i].last_line = line_before(images[i], outcomes[i].pc, facts[i].user, vm.cpu.priv.rbase);
        probe |= outcomes[i].kind == Outcome::Kind::StepLimit && vm.step_limit;
    }
    if (probe) {
        for (vmm::Vm& vm : monitor.vms()) cut_off(vm.cpu.devices.console);
        MonitorTraps traps(monitor.vms());
        monitor.set_observer(&traps);
        monitor.extend_step_limit(kProbeSteps);
        while (monitor.run_round()) {
        }
        monitor.set_observer(nullptr);
        for (size_t i = 0; i < facts.size(); ++i)
            if (facts[i].outcome.kind == Outcome::Kind::StepLimit) facts[i].recent = traps.watches[i].log.list();
    }
    std::vector<std::string> hints;
    for (const HintFacts& f : facts) hints.push_back(hint_for(f));
    return hints;
}

}  // namespace trapvm::cli
