// Breakpoints, watchpoints and goals at work during a run (see watcher.hpp).
#include "debugger/watcher.hpp"

#include "isa-spec/isa.hpp"

#include <cctype>
#include <csignal>

namespace trapvm::debug {

namespace {

volatile std::sig_atomic_t g_interrupt = 0;

constexpr size_t kMaxNotes = 6;
constexpr int kRa = 1, kSp = 2;

// Goals end when their VM stops too: it will have no more events.
class StepGoal : public Goal {
public:
    StepGoal(int vm, uint64_t count) : vm_(vm), left_(count) {}
    bool reached(const Event& e, const World& w) override {
        if (e.vm == vm_ && --left_ == 0) return true;
        return !w.running(vm_);
    }

private:
    int vm_;
    uint64_t left_;
};

class ReturnGoal : public Goal {
public:
    ReturnGoal(int vm, uint32_t pc, uint32_t sp, bool system) : vm_(vm), pc_(pc), sp_(sp), system_(system) {}
    bool reached(const Event& e, const World& w) override {
        if (e.vm == vm_ && e.pc == pc_ && e.system == system_ && w.live_reg(vm_, kSp) == sp_) return true;
        return !w.running(vm_);
    }

private:
    int vm_;
    uint32_t pc_, sp_;
    bool system_;
};

class FinishGoal : public Goal {
public:
    explicit FinishGoal(int vm) : vm_(vm) {}
    void retired(int vm, uint32_t, uint32_t word) override {
        if (vm != vm_) return;
        if (is_call(word)) ++depth_;
        else if (is_return(word)) --depth_;
    }
    bool reached(const Event& e, const World& w) override { return (e.vm == vm_ && depth_ < 0) || !w.running(vm_); }

private:
    int vm_;
    int64_t depth_ = 0;
};

class UntilGoal : public Goal {
public:
    UntilGoal(int vm, uint32_t physical) : vm_(vm), physical_(physical) {}
    bool reached(const Event& e, const World& w) override {
        return (e.vm == vm_ && w.physical(vm_, e.pc, 4) == physical_) || !w.running(vm_);
    }

private:
    int vm_;
    uint32_t physical_;
};

class AfterParked : public Goal {
public:
    AfterParked(int vm, std::unique_ptr<Goal> goal) : vm_(vm), goal_(std::move(goal)) {}
    void retired(int vm, uint32_t pc, uint32_t word) override { goal_->retired(vm, pc, word); }
    bool reached(const Event& e, const World& w) override {
        if (parked_ && e.vm == vm_) return parked_ = false;
        return goal_->reached(e, w);
    }

private:
    int vm_;
    std::unique_ptr<Goal> goal_;
    bool parked_ = true;
};

std::string trap_text(const Trap& trap, uint32_t epc) {
    std::string name = pg32::cause_name(static_cast<uint32_t>(trap.cause));
    if (trap.is_interrupt()) return "interrupt " + name + " (epc " + hex32(epc) + ")";
    return "trap " + name + " at " + hex32(epc) + " (badaddr " + hex32(trap.badaddr) + ")";
}

std::string exit_name(const vmm::ExitEvent& exit) {
    if (exit.routine) return exit.routine;
    return pg32::cause_name(static_cast<uint32_t>(exit.trap.cause));
}

bool exit_matches(const std::string& wanted, const vmm::ExitEvent& exit) {
    if (wanted == "any") return true;
    if (exit.routine && wanted == exit.routine) return true;
    std::string cause = pg32::cause_name(static_cast<uint32_t>(exit.trap.cause));
    for (char& c : cause) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return wanted == cause;
}

// "exit csrw at 0x0000001c: emulate; psw 0x00000001 -> 0x00000000" (and the
// real R the allocator set afterwards, for a breakpoint's report).
std::string exit_text(const vmm::ExitEvent& exit, bool with_real_r) {
    std::string text = "exit " + exit_name(exit) + " at " + hex32(exit.pc) + ": " + vmm::decision_name(exit.decision);
    for (const vmm::CsrChange& c : exit.changes)
        text += std::string("; ") + pg32::csr_by_number(static_cast<uint32_t>(c.csr))->name + " " + hex32(c.old_value) +
                " -> " + hex32(c.new_value);
    if (!with_real_r) return text;
    return text + "; real R " + hex32(exit.real_rbase) + "/" + hex32(exit.real_rbound);
}

// The watched bytes' value with the bytes a write covers taken from `value`
// (the write's old or new value): correct whether memory holds the old or
// the new bytes when the hook runs.
uint32_t overlay(uint32_t memory, uint32_t watch, uint32_t size, uint32_t written, int written_size, uint32_t value) {
    for (uint32_t i = 0; i < size; ++i) {
        uint32_t at = watch + i;
        if (at < written || at - written >= static_cast<uint32_t>(written_size)) continue;
        uint32_t byte = (value >> (8 * (at - written))) & 0xff;
        memory = (memory & ~(0xffu << (8 * i))) | (byte << (8 * i));
    }
    return memory;
}

}  // namespace

std::unique_ptr<Goal> step_goal(int vm, uint64_t count) { return std::make_unique<StepGoal>(vm, count); }
std::unique_ptr<Goal> return_goal(int vm, uint32_t return_pc, uint32_t sp, bool system) {
    return std::make_unique<ReturnGoal>(vm, return_pc, sp, system);
}
std::unique_ptr<Goal> finish_goal(int vm) { return std::make_unique<FinishGoal>(vm); }
std::unique_ptr<Goal> until_goal(int vm, uint32_t physical) { return std::make_unique<UntilGoal>(vm, physical); }
std::unique_ptr<Goal> after_parked(int vm, std::unique_ptr<Goal> goal) {
    return std::make_unique<AfterParked>(vm, std::move(goal));
}

bool is_call(uint32_t word) {
    std::optional<pg32::Decoded> d = pg32::decode(word);
    return d && (d->op == pg32::Op::Jal || d->op == pg32::Op::Jalr) && d->rd == kRa;
}

bool is_return(uint32_t word) {
    std::optional<pg32::Decoded> d = pg32::decode(word);
    return d && d->op == pg32::Op::Jalr && d->rd == 0 && d->rs1 == kRa && d->imm == 0;
}

void request_interrupt() { g_interrupt = 1; }

Watcher::Watcher(const Timeline& timeline, const Breakpoints& breakpoints, const std::vector<Symbols>& symbols,
                 WatchOptions options)
    : timeline_(timeline), breakpoints_(breakpoints), symbols_(symbols), options_(std::move(options)) {
    for (int vm = 0; vm < world().vm_count(); ++vm) last_pc_.push_back(world().cpu(vm).pc);
    g_interrupt = 0;
}

bool Watcher::at_event(const Event& event) {
    last_pc_[static_cast<size_t>(event.vm)] = event.pc;
    check_code_and_mode(event);
    if (options_.record) {
        options_.record(event, hits_);
        hits_.clear();
        notes_.clear();
        return event.position >= options_.limit;
    }
    why_ = stop_for(event);
    return why_ != Why::None;
}

Watcher::Why Watcher::stop_for(const Event& event) {
    if (g_interrupt) {
        g_interrupt = 0;
        return Why::Interrupted;
    }
    if (!hits_.empty()) return Why::Breakpoint;
    if (options_.goal && options_.goal->reached(event, world())) return Why::Goal;
    return Why::None;
}

void Watcher::check_code_and_mode(const Event& event) {
    if (breakpoints_.has_code()) {
        const Breakpoint* b = nullptr;
        if (std::optional<uint32_t> physical = world().physical(event.vm, event.pc, 4))
            b = breakpoints_.code_at(event.vm, *physical);
        if (!b && !event.system && breakpoints_.any_user_at(event.vm, event.pc)) {  // which program is it?
            Running r = symbols_[static_cast<size_t>(event.vm)].running();
            b = breakpoints_.user_code_at(event.vm, UserAt{r.program, event.pc});
        }
        if (b) hit(event.vm, "Breakpoint " + std::to_string(b->number) + ", " + b->what);
    }
    if (!event.mode_changed) return;
    for (const Breakpoint& b : breakpoints_.list())
        if (b.kind == Breakpoint::Kind::Mode && (!b.to_system || *b.to_system == event.system))
            hit(event.vm, "Breakpoint " + std::to_string(b.number) +
                              ", mode change: " + (event.system ? "user -> system" : "system -> user"));
}

void Watcher::register_written(int vm, int reg, uint32_t old_value, uint32_t new_value) {
    if (old_value == new_value) return;
    for (const Breakpoint& b : breakpoints_.list())
        if (b.kind == Breakpoint::Kind::WatchRegister && b.vm == vm && b.reg == reg)
            hit(vm, "Watchpoint " + std::to_string(b.number) + ", " + b.what + ": " + hex32(old_value) + " -> " +
                        hex32(new_value) + ", written by " + where(vm, last_pc_[static_cast<size_t>(vm)]));
}

void Watcher::memory_written(int vm, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) {
    for (const Breakpoint& b : breakpoints_.list()) {
        if (b.kind != Breakpoint::Kind::WatchMemory || b.vm != vm) continue;
        if (physical >= b.address + b.size || b.address >= physical + static_cast<uint32_t>(size)) continue;
        uint32_t memory = world().read(vm, b.address, static_cast<int>(b.size)).value_or(0);
        uint32_t before = overlay(memory, b.address, b.size, physical, size, old_value);
        uint32_t after = overlay(memory, b.address, b.size, physical, size, new_value);
        if (before == after) continue;
        hit(vm, "Watchpoint " + std::to_string(b.number) + ", " + b.what + ": " + hex32(before) + " -> " +
                    hex32(after) + ", written by " + where(vm, last_pc_[static_cast<size_t>(vm)]));
    }
}

void Watcher::retired(int vm, uint32_t pc, uint32_t word) {
    if (options_.goal) options_.goal->retired(vm, pc, word);
}

void Watcher::trapped(int vm, const Trap& trap, uint32_t epc) {
    std::string text = trap_text(trap, epc);
    note(vm, text);
    for (const Breakpoint& b : breakpoints_.list())
        if (b.kind == Breakpoint::Kind::Trap && (!b.cause || *b.cause == static_cast<uint32_t>(trap.cause)))
            hit(vm, "Breakpoint " + std::to_string(b.number) + ", " + text);
}

void Watcher::exited(int vm, const vmm::ExitEvent& exit) {
    note(vm, exit_text(exit, false));
    for (const Breakpoint& b : breakpoints_.list())
        if (b.kind == Breakpoint::Kind::Exit && exit_matches(b.exit, exit))
            hit(vm, "Breakpoint " + std::to_string(b.number) + ", " + exit_text(exit, true));
}

void Watcher::hit(int vm, std::string message) {
    hits_.push_back(world().vm_count() > 1 ? "vm" + std::to_string(vm) + ": " + message : message);
}

void Watcher::note(int vm, std::string message) {
    if (options_.record) return;
    if (notes_.size() >= kMaxNotes) {
        ++hidden_notes_;
        if (hidden_notes_ == 1) notes_.push_back("... and more");
        return;
    }
    notes_.push_back(world().vm_count() > 1 ? "vm" + std::to_string(vm) + ": " + message : message);
}

std::string Watcher::where(int vm, uint32_t pc) const {
    std::string text = hex32(pc);
    std::optional<uint32_t> physical = world().physical(vm, pc, 4);
    if (!physical) return text;
    if (*physical != pc) text += " (phys " + hex32(*physical) + ")";
    std::string label = symbols_[static_cast<size_t>(vm)].label(*physical);
    return label.empty() ? text : text + " <" + label + ">";
}

}  // namespace trapvm::debug
