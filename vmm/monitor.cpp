// The monitor's scheduler and run loop (see monitor.hpp); making its VMs is in monitor_vms.cpp.
#include "vmm/monitor.hpp"

#include "vmm/hybrid.hpp"
#include "vmm/hypercalls.hpp"

#include <algorithm>

namespace trapvm::vmm {

namespace {

// While a VM runs directly, the real machine's observer events are the
// guest's own, except that physical addresses are real ones: subtract the
// region base. Exits are not forwarded; the dispatcher reports what the
// guest sees of them.
class GuestEvents : public Observer {
public:
    GuestEvents(Observer& guest, uint32_t region_base) : guest_(guest), base_(region_base) {}
    bool before(uint32_t pc) override { return guest_.before(pc); }
    void register_written(int r, uint32_t old_value, uint32_t new_value) override {
        guest_.register_written(r, old_value, new_value);
    }
    void memory_written(uint32_t address, uint32_t physical, int size, uint32_t old_value,
                        uint32_t new_value) override {
        guest_.memory_written(address, physical - base_, size, old_value, new_value);
    }
    void retired(uint32_t pc, uint32_t word) override { guest_.retired(pc, word); }

private:
    Observer& guest_;
    uint32_t base_;
};

}  // namespace

bool Monitor::run_round() {
    break_ = false;
    bool any = false;
    for (; next_vm_ < vms_.size(); ++next_vm_) {
        Vm& vm = vms_[next_vm_];
        if (!vm.running()) continue;
        run_slice(vm);
        any = true;
        if (break_) {
            if (!in_slice_) ++next_vm_;  // that slice was over anyway: go on with the next VM
            return true;
        }
    }
    next_vm_ = 0;
    return any || any_running();  // a round resumed after a break may have had nobody left to run
}

bool Monitor::any_running() const {
    return std::any_of(vms_.begin(), vms_.end(), [](const Vm& vm) { return vm.running(); });
}

void Monitor::run() {
    while (run_round() && !break_) {
    }
}

void Monitor::extend_step_limit(uint64_t more) {
    config_.max_steps += std::min(more, UINT64_MAX - config_.max_steps);
    for (Vm& vm : vms_) vm.step_limit = false;
}

// One time slice of a VM: run it directly, handle its exits, until the real
// timer ends the slice, the guest waits (wfi) or stops. After a break in the
// middle of a slice, the next call goes on with the same slice.
void Monitor::run_slice(Vm& vm) {
    if (!in_slice_) {
        slice_left_ = config_.quantum;
        in_slice_ = true;
        if (observer_) observer_->scheduled(vm);
    }
    allocator_.enter(machine_, vm);  // its real R; from here on the dispatcher keeps it right
    while (vm.running() && !break_ && slice_left_ > 0) {
        if (between_instructions(vm)) continue;
        uint64_t budget = budget_for(vm);
        if (budget == 0) {
            vm.step_limit = true;
            break;
        }
        if (interprets(config_.technique, vm.cpu)) interpret(vm);
        else run_directly(vm, budget);
    }
    in_slice_ = break_ && slice_left_ > 0 && vm.running() && !vm.cpu.waiting;
}

// Direct execution ran its whole budget (budget_for()). At the guest's
// virtual timer expiry that is a deadline: an exit without a trap, counted
// and shown like any other (the interrupt comes next). At the step limit
// it is nothing.
void Monitor::budget_ended(Vm& vm) {
    if (vm.cpu.ticks != vm.cpu.devices.timer.next) return;
    ++vm.stats.deadlines;
    if (!observer_) return;
    ExitEvent event{
        Trap{pg32::Cause::Timer, 0}, vm.cpu.pc, vm.cpu.system_mode(), Decision::Deadline, nullptr, {}, 0, 0};
    event.real_rbase = machine_.priv().rbase;
    event.real_rbound = machine_.priv().rbound;
    observer_->exited(vm, event);
}

// The fairness rule (vmm/README.md): a time slice is `quantum` units of
// guest work, one unit for each instruction run directly or emulated and
// for each trap reflected or interrupt injected. So a guest made only of
// emulated work (an rfe that returns to itself) ends its slice as surely
// as a loop of adds, and no stop request waits longer than a round.
void Monitor::charge(uint64_t units) { slice_left_ -= std::min(slice_left_, units); }

// What hardware does between two instructions, done on the virtual CPU
// (compare Machine::run_loop): take a pending interrupt if the guest's psw
// allows it; let a guest in wfi idle until its next event. True when
// something happened.
bool Monitor::between_instructions(Vm& vm) {
    VirtualCpu& cpu = vm.cpu;
    cpu.devices.timer.advance(cpu.ticks);
    if (!cpu.priv.interrupts_enabled() && !cpu.waiting) return false;  // a guest kernel, most of the time
    return interrupt_or_idle(vm);
}

bool Monitor::interrupt_or_idle(Vm& vm) {
    VirtualCpu& cpu = vm.cpu;
    std::optional<pg32::Cause> pending = cpu.devices.pending_interrupt(cpu.ticks);
    if (pending && cpu.priv.interrupts_enabled()) {
        cpu.waiting = false;
        dispatcher_.inject(vm, *pending);
        charge(1);
        return true;
    }
    if (!cpu.waiting) return false;
    if (pending) cpu.waiting = false;  // wfi ends even with interrupts off
    else if (cpu.devices.console.input->interrupted())
        cpu.stop = Stop{.reason = StopReason::Interrupted, .pc = cpu.pc - 4};
    else if (cpu.devices.timer.next != Timer::kNever) cpu.ticks = std::max(cpu.ticks, cpu.devices.timer.next);
    else cpu.stop = Stop{.reason = StopReason::Deadlock, .pc = cpu.pc - 4};
    return true;
}

// Guest instructions the VM may run before the monitor must look at it
// again: its virtual timer's next expiry, or its step limit.
uint64_t Monitor::budget_for(const Vm& vm) const {
    uint64_t budget = config_.max_steps - std::min(config_.max_steps, vm.cpu.steps);
    const Timer& timer = vm.cpu.devices.timer;
    if (timer.next != Timer::kNever) budget = std::min(budget, timer.next - vm.cpu.ticks);
    return budget;
}

// Runs the guest directly on the real CPU, in real user mode, for at most
// budget instructions, and handles the exit. The real timer is the
// monitor's: it fires when the rest of the slice is spent.
void Monitor::run_directly(Vm& vm, uint64_t budget) {
    enter_directly(vm);
    Observer* guest = observer_ ? observer_->guest(vm) : nullptr;
    if (config_.technique == Technique::Hardware) machine_.enter_guest_mode();  // VM entry; run() returning exits
    RunResult result;
    uint64_t saved = 0;  // of result.steps, those the exits handled in place saved already
    if (guest) {
        GuestEvents events(*guest, vm.region.base);
        result = machine_.run(budget, events);
    } else {
        result = run_in_place(vm, budget, saved);
    }
    if (result.kind == RunResult::Kind::Handled) return;  // saved in place; the slice's loop goes on
    save_directly(vm, result.steps - saved);
    if (result.kind == RunResult::Kind::Budget) {
        budget_ended(vm);
        return;
    }
    if (result.kind == RunResult::Kind::Break) {
        break_ = true;  // an observer stopped before a guest instruction; the slice goes on after it
        return;
    }
    if (looks_at_exit_first(config_.technique, result.trap.cause, vm.cpu) && technique_exit(vm, result.trap)) return;
    after_exit(vm, dispatcher_.dispatch(vm, result.trap).decision);
}

// The technique's look at an exit (looks_at_exit_first(), technique.hpp):
// true when it handled the exit itself.
bool Monitor::technique_exit(Vm& vm, const Trap& exit) {
    switch (config_.technique) {
    case Technique::Hardware: return sensitive_exit(vm, exit);
    case Technique::Patch:
        if (std::optional<pg32::Op> op = patched_op(exit)) {
            run_patched(vm, exit, *op);
            return true;
        }
        return false;
    case Technique::Paravirt:
        if (const pg32::HypercallInfo* call = hypercall_of(vm, exit)) {
            after_exit(vm, hypercall(vm, exit, *call).decision);
            return true;
        }
        return false;
    case Technique::TrapAndEmulate:
    case Technique::Hybrid: return false;
    }
    return false;
}

// The real CPU takes the VM: its registers and pc, and the real timer set
// to the rest of the slice.
void Monitor::enter_directly(Vm& vm) {
    arm_real_timer();
    machine_.regs() = vm.cpu.regs;
    machine_.set_pc(vm.cpu.pc);
}

void Monitor::arm_real_timer() {
    machine_.devices().timer.set_interval(static_cast<uint32_t>(slice_left_), machine_.ticks());
    machine_.devices().timer.pending = false;
}

// The VM leaves the real CPU having run `steps` instructions directly.
void Monitor::save_directly(Vm& vm, uint64_t steps) {
    vm.cpu.regs = machine_.regs();
    vm.cpu.pc = machine_.pc();
    count_direct(vm, steps);
}

void Monitor::count_direct(Vm& vm, uint64_t steps) {
    vm.cpu.steps += steps;
    vm.cpu.ticks += steps;
    vm.stats.direct += steps;
    charge(steps);
}

// What an exit costs the slice: the real timer spent it; a guest in wfi
// gives up the rest of it; anything else is a unit of guest work.
void Monitor::after_exit(const Vm& vm, Decision decision) {
    if (decision == Decision::Preempted || vm.cpu.waiting) slice_left_ = 0;
    else charge(1);
}

// ---- Exits handled in place: the monitor's fast path, taken when nobody watches.
//
// Most exits of a guest kernel are one privileged instruction (csrr, csrw,
// in, out, rfe) a few instructions after the last. Returned from run() each
// time, such an exit pays for more than its emulation: saving and loading
// the registers, leaving and entering run(), a turn of the slice's loop. So
// the machine offers each exit, and the end of each budget, to the monitor
// first (machine.hpp, ExitHandler), and the monitor does right there what
// run_directly() and the next turns of run_slice()'s loop would do, in the
// same order:
//
//   run_directly()                        InPlace::exited() / spent()
//     save the registers, count steps       the same
//     an exit: emulate the instruction,     the same
//       charge the unit of work
//     the budget's end: budget_ended()      the same
//   run_slice(), next turns
//     stopped, slice spent?                 then return: run_slice() ends it
//     between_instructions(): if it did     the same
//       something, the next turn
//     budget_for(), interprets()            the same; 0 or yes: return
//   run_directly()
//     load the registers, arm the timer     the same, and run on
//
// So a run is the same run with or without it, exit for exit and step for
// step: tests/vmm/in_place_test.cpp compares the two round by round, and the
// differential tests and the monitor fuzzer on random guests
// (hardening/differential.cpp). (In this file, so that the compiler inlines
// the steps it shares with run_directly().)
class Monitor::InPlace final : public ExitHandler {
public:
    InPlace(Monitor& monitor, Vm& vm, uint64_t& saved) : monitor_(monitor), vm_(vm), saved_(saved) {}

    Verdict exited(const Trap& exit, uint64_t steps) override {
        if (!monitor_.handles_in_place(vm_, exit)) return {};
        return monitor_.exit_in_place(vm_, exit, direct(steps));
    }
    Verdict spent(uint64_t steps) override {
        if (!monitor_.handles_in_place()) return {};
        return monitor_.spent_in_place(vm_, direct(steps));
    }

private:
    // The instructions run directly since the virtual CPU last counted them.
    uint64_t direct(uint64_t steps) {
        uint64_t direct = steps - saved_;
        saved_ = steps;
        return direct;
    }

    Monitor& monitor_;
    Vm& vm_;
    uint64_t& saved_;  // of run()'s steps, those counted in the virtual CPU already
};

// Nobody watches, and the technique's exits are the monitor's alone: under
// hardware assist every return from run() is a VM exit (hardware.hpp).
bool Monitor::handles_in_place() const { return !observer_ && config_.technique != Technique::Hardware; }

// A privileged instruction of virtual system mode, which run_directly()
// would hand straight to the dispatcher to emulate.
bool Monitor::handles_in_place(const Vm& vm, const Trap& exit) const {
    return handles_in_place() && Dispatcher::emulates(vm, exit) &&
           !looks_at_exit_first(config_.technique, exit.cause, vm.cpu);
}

RunResult Monitor::run_in_place(Vm& vm, uint64_t budget, uint64_t& saved) {
    InPlace exits(*this, vm, saved);
    return machine_.run(budget, exits);
}

// run_slice()'s loop, in place, as far as it runs the guest directly again;
// otherwise run() returns and the slice's loop takes over where this stops.
// (Inlined: a call here would cost every exit more than a deadline saves.)
[[gnu::always_inline]] inline ExitHandler::Verdict Monitor::next_turns_in_place(Vm& vm) {
    using Kind = ExitHandler::Verdict::Kind;
    while (vm.running() && slice_left_ > 0) {
        if (between_instructions(vm)) continue;
        uint64_t budget = budget_for(vm);
        if (budget == 0 || interprets(config_.technique, vm.cpu)) break;
        arm_real_timer();
        machine_.set_pc(vm.cpu.pc);
        return {Kind::Resume, budget};
    }
    vm.cpu.regs = machine_.regs();
    return {Kind::Handled};
}

// The exit after `direct` instructions run directly, then the next turns of
// run_slice()'s loop. The guest's registers stay in the real CPU.
ExitHandler::Verdict Monitor::exit_in_place(Vm& vm, const Trap& exit, uint64_t direct) {
    count_direct(vm, direct);
    vm.cpu.pc = machine_.pc();
    dispatcher_.run_emulated(vm, exit, machine_.regs());  // dispatch() without the report nobody reads
    after_exit(vm, Decision::Emulated);
    return next_turns_in_place(vm);
}

// The budget's end after `direct` instructions: the guest's virtual timer
// expired (a deadline; the interrupt comes next), or it reached its step limit.
ExitHandler::Verdict Monitor::spent_in_place(Vm& vm, uint64_t direct) {
    count_direct(vm, direct);
    vm.cpu.pc = machine_.pc();
    budget_ended(vm);
    return next_turns_in_place(vm);
}

// Runs the VM's next instruction in software on the virtual CPU (the hybrid
// monitor, hybrid.hpp): one at a time, so that between_instructions() sees
// every instruction boundary, as the hardware does. It costs a unit of
// guest work like one run directly; a trap it raises goes to the dispatcher
// like an exit and costs one more, as a reflected trap does.
void Monitor::interpret(Vm& vm) {
    Observer* guest = observer_ ? observer_->guest(vm) : nullptr;
    NoObserver nobody;
    Interpreted done = guest ? interpret_one(machine_, vm, *guest) : interpret_one(machine_, vm, nobody);
    switch (done.kind) {
    case Interpreted::Kind::Break: break_ = true; return;
    case Interpreted::Kind::Retired:
        ++vm.stats.hybrid_interpreted;
        allocator_.enter(machine_, vm);  // it may have changed the virtual mode or R
        break;
    case Interpreted::Kind::Trapped: dispatcher_.dispatch(vm, done.trap); break;
    }
    if (vm.cpu.waiting) slice_left_ = 0;  // a guest in wfi gives up the rest of its slice
    else charge(1);
}

}  // namespace trapvm::vmm
