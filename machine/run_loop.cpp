// The CPU's run loop: everything that happens between blocks of
// straight-line code (run_block.cpp): interrupts, traps and their delivery
// (to the guest's handler or to the monitor), wfi, stopping.
#include "machine/block.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace trapvm {

using pg32::Cause;

// Instructions retired: each is a step and a tick.
void Machine::retire(uint64_t retired, RunResult& result) {
    steps_ += retired;
    ticks_ += retired;
    result.steps += retired;
}

template <class Obs> RunResult Machine::run_loop(uint64_t max_steps, Obs& obs, ExitHandler* exits) {
    if (delivery_ == TrapDelivery::ToMonitor && priv_.system_mode())
        throw std::logic_error("a monitor must not run guest code in real system mode");
    RunResult result;
    while (!stopped()) {
        if (check_interrupts(obs, result)) return result;
        if (stopped()) break;  // an interrupt with no handler (tvec = 0) stopped the machine
        if (waiting_) {
            idle_in_wfi();
            continue;
        }
        if (result.steps >= max_steps) {  // Kind::Budget
            if (exits && resumes(exits->spent(result.steps), result, max_steps)) continue;
            return result;
        }
        uint64_t chunk = max_steps - result.steps;
        if (devices_.timer.next != Timer::kNever) chunk = std::min(chunk, devices_.timer.next - ticks_);
        update_translation();
        BlockResult block = run_block(chunk, obs);
        if (block.end.kind == BlockEnd::System) {  // it stopped with one instruction of chunk left, at least
            retire(block.retired, result);
            block = run_system_instruction(obs);
        } else if (block.end.kind == BlockEnd::Decode) {
            decode_run(base_ + pc_);
        }
        retire(block.retired, result);
        const BlockEnd& end = block.end;
        if (end.kind == BlockEnd::Break) {
            result.kind = RunResult::Kind::Break;
            return result;
        }
        if (end.kind == BlockEnd::Trapped && deliver(end.trap, pc_, obs, result))
            if (!exits || !resumes(exits->exited(result.trap, result.steps), result, max_steps)) return result;
    }
    result.kind = RunResult::Kind::Stopped;
    return result;
}

// What the monitor's handler said of an exit or of the budget's end. True
// when run() goes on, with max_steps moved to the handler's new budget.
bool Machine::resumes(ExitHandler::Verdict verdict, RunResult& result, uint64_t& max_steps) {
    using Kind = ExitHandler::Verdict::Kind;
    if (verdict.kind == Kind::Return) return false;
    if (verdict.kind == Kind::Handled) {
        result.kind = RunResult::Kind::Handled;
        return false;
    }
    result.kind = RunResult::Kind::Budget;
    max_steps = result.steps + std::min(verdict.budget, UINT64_MAX - result.steps);
    return true;
}

// Takes a pending interrupt, if psw allows one. True when run() must return
// (the interrupt went to the monitor).
template <class Obs> bool Machine::check_interrupts(Obs& obs, RunResult& result) {
    devices_.timer.advance(ticks_);
    if (!priv_.interrupts_enabled()) return false;
    std::optional<Cause> cause = devices_.pending_interrupt(ticks_);
    if (!cause) return false;
    waiting_ = false;
    return deliver(Trap{*cause, 0}, pc_, obs, result);
}

// A trap or interrupt happened with epc_value: run the trap sequence, or
// hand it to the monitor. True when run() must return.
template <class Obs> bool Machine::deliver(const Trap& trap, uint32_t epc_value, Obs& obs, RunResult& result) {
    bool to_monitor = delivery_ == TrapDelivery::ToMonitor;
    obs.trapped(trap, epc_value, to_monitor);
    if (to_monitor) {
        result.kind = RunResult::Kind::Exit;
        result.trap = trap;
        return true;
    }
    take_trap(trap, epc_value);
    return false;
}

void Machine::enter_guest_mode() {
    if (!profile_->guest_mode)
        throw std::logic_error(std::string("guest mode: profile ") + profile_->name + " has no guest-mode extension");
    if (delivery_ != TrapDelivery::ToMonitor)
        throw std::logic_error("guest mode: only a monitor (TrapDelivery::ToMonitor) enters it");
    guest_mode_ = true;
}

// Every return from run() in guest mode is a VM exit: guest mode ends there
// (the monitor enters it again to resume the guest).
RunResult Machine::run(uint64_t max_steps) {
    NoObserver none;
    RunResult result = run_loop(max_steps, none);
    guest_mode_ = false;
    return result;
}

RunResult Machine::run(uint64_t max_steps, ExitHandler& exits) {
    NoObserver none;
    RunResult result = run_loop(max_steps, none, &exits);
    guest_mode_ = false;
    return result;
}

RunResult Machine::run(uint64_t max_steps, Observer& observer) {
#ifdef TRAPVM_NO_TRACE_HOOKS
    // A build without tracing hooks, only to measure what the hooks cost
    // when tracing is off (bench/run.sh): the observer is ignored.
    (void)observer;
    return run(max_steps);
#else
    RunResult result = run_loop(max_steps, observer);
    guest_mode_ = false;
    return result;
#endif
}

}  // namespace trapvm
