// The monitor: Popek and Goldberg's control program, CP = (D, A, {v_i}).
//
// Start reading here. It owns one real Machine, configured to hand every
// trap and interrupt to the monitor (TrapDelivery::ToMonitor), and runs
// several virtual machines on it, round robin on the real timer:
//
//   for each VM, in turn:
//     load its registers into the real CPU; the allocator (A) sets real
//     user mode and the composed R
//     run guest code directly until an exit: a trap, or the real timer
//     save its registers; the dispatcher (D) handles the exit, calling an
//     interpreter routine (v_i) or reflecting the trap into the guest
//     between exits, do on the virtual CPU what hardware does between
//     instructions: deliver virtual interrupts, idle a guest in wfi
//
// Guest code only ever runs in real user mode. Innocuous instructions never
// exit; only privileged ones and real traps do. When nobody watches, an
// exit the dispatcher emulates is handled without leaving the real CPU's
// run loop (exits in place, README.md): the same steps, cheaper.
//
// The technique (technique.hpp) is the one policy on top: which of a VM's
// instructions run directly and which the monitor interprets in software
// (the hybrid monitor: all of virtual system mode, hybrid.hpp; the hardware
// technique: what exits in guest mode, hardware.cpp), or which it makes
// trap (the patch technique: the sensitive unprivileged ones, patch.hpp).
// Everything else, the dispatcher, the allocator and the trap sequence, is
// shared.
#pragma once

#include "vmm/allocator.hpp"
#include "vmm/dispatcher.hpp"
#include "vmm/monitor_observer.hpp"
#include "vmm/technique.hpp"
#include "vmm/vm.hpp"

#include <span>
#include <vector>

namespace trapvm::vmm {

struct MonitorConfig {
    uint32_t vm_memory_size = pg32::kMemorySizeDefault;  // each VM's memory (its region)
    uint32_t quantum = pg32::kQuantumDefault;            // units of guest work per time slice (see charge())
    uint64_t max_steps = UINT64_MAX;                     // per VM: guest instructions before it is stopped
    Technique technique = Technique::TrapAndEmulate;     // what runs directly, what is interpreted
};

class Monitor {
public:
    // Creates vm_count VMs, each with a region of vm_memory_size bytes.
    // std::invalid_argument when the technique cannot run the active
    // profile (technique_unavailable()).
    Monitor(MonitorConfig config, int vm_count);
    // A Monitor is a value (the debugger's checkpoints copy it); the copy's
    // dispatcher works on the copy's own machine and allocator.
    Monitor(const Monitor& other);
    Monitor& operator=(const Monitor& other);

    // Copies bytes to guest-physical address `address` of a VM; false if
    // they do not fit in its memory.
    bool load(int vm, uint32_t address, std::span<const uint8_t> bytes);
    // Resets a VM's virtual CPU (virtual system mode, pc = entry).
    void reset(int vm, uint32_t entry);

    // Runs one time slice of every VM still running; false once all stopped.
    bool run_round();
    // Runs until every VM has stopped.
    void run();
    // Lets the VMs the step limit stopped run `more` instructions further
    // (for tools that look at what a guest was doing then: tools/hints.hpp).
    void extend_step_limit(uint64_t more);

    std::vector<Vm>& vms() { return vms_; }
    const std::vector<Vm>& vms() const { return vms_; }
    const Machine& machine() const { return machine_; }
    const Allocator& allocator() const { return allocator_; }
    Technique technique() const { return config_.technique; }
    ExitStats total_stats() const;

    void set_observer(MonitorObserver* observer) {
        observer_ = observer;
        dispatcher_.set_observer(observer);
    }
    // From an observer hook: stop run_round()/run() once the current event is
    // handled. break_requested() stays true until the next run_round(), which
    // resumes exactly where the break was (the same VM, the rest of its time
    // slice), so a run with breaks is the same run as one without.
    void request_break() { break_ = true; }
    bool break_requested() const { return break_; }

private:
    void run_slice(Vm& vm);
    bool any_running() const;
    bool between_instructions(Vm& vm);
    bool interrupt_or_idle(Vm& vm);
    uint64_t budget_for(const Vm& vm) const;
    void run_directly(Vm& vm, uint64_t budget);
    void enter_directly(Vm& vm);
    void arm_real_timer();
    void save_directly(Vm& vm, uint64_t steps);
    void count_direct(Vm& vm, uint64_t steps);
    void after_exit(const Vm& vm, Decision decision);
    class InPlace;  // exits handled without run() returning (monitor.cpp)
    RunResult run_in_place(Vm& vm, uint64_t budget, uint64_t& saved);
    bool handles_in_place() const;
    bool handles_in_place(const Vm& vm, const Trap& exit) const;
    ExitHandler::Verdict exit_in_place(Vm& vm, const Trap& exit, uint64_t direct);
    ExitHandler::Verdict spent_in_place(Vm& vm, uint64_t direct);
    ExitHandler::Verdict next_turns_in_place(Vm& vm);
    void interpret(Vm& vm);
    ExitEvent hypercall(Vm& vm, const Trap& exit, const pg32::HypercallInfo& call);
    bool sensitive_exit(Vm& vm, const Trap& exit);
    bool technique_exit(Vm& vm, const Trap& exit);
    std::optional<pg32::Op> patched_op(const Trap& exit) const;
    void run_patched(Vm& vm, const Trap& exit, pg32::Op op);
    void charge(uint64_t units);
    void budget_ended(Vm& vm);

    // The control program CP = (D, A, {v_i}) and what it controls.
    MonitorConfig config_;
    Machine machine_;        // the real machine
    Allocator allocator_;    // A: real memory, the real mode and R
    Dispatcher dispatcher_;  // D: every exit, and the interpreter routines v_i
    std::vector<Vm> vms_;    // the virtual machines
    MonitorObserver* observer_ = nullptr;
    bool break_ = false;
    // Where a break left the round: the VM to run next, and whether it is in
    // the middle of its time slice (then the slice goes on, not restarts).
    size_t next_vm_ = 0;
    bool in_slice_ = false;
    uint64_t slice_left_ = 0;  // units of guest work left in the current slice (see charge())
};

}  // namespace trapvm::vmm
