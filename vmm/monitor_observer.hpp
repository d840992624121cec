// Watching the monitor work: what the tracer and the debugger see.
//
// Two views. guest() gives, per VM, the guest-visible events in the very
// words of the machine's Observer (pc, registers, memory as the guest sees
// them), for instructions run directly and emulated alike; so a guest's
// trace under the monitor can be compared line by line with its trace on
// bare hardware. The other hooks show the monitor itself: every exit and
// the dispatcher's decision, injections, scheduling.
#pragma once

#include "machine/observer.hpp"
#include "vmm/vm.hpp"

#include <vector>

namespace trapvm::vmm {

// What the dispatcher did with an exit.
enum class Decision : uint8_t {
    Emulated,   // an interpreter routine ran the privileged instruction
    Reflected,  // the trap was replayed on the virtual CPU: the guest's handler runs next
    Preempted,  // the real timer: the VM's time slice is over
    Stopped,    // the guest stopped (halt, power-off, or a trap with no handler)
    Deadline,   // no trap: direct execution stopped at the guest's virtual timer
                // expiry, so that its TIMER interrupt is delivered on time
    Patched,    // a patched instruction (patch.hpp): the monitor ran the original for the guest
};
const char* decision_name(Decision d);

// A privileged register of the virtual CPU that handling an exit changed.
struct CsrChange {
    pg32::Csr csr;
    uint32_t old_value;
    uint32_t new_value;
};

struct ExitEvent {
    Trap trap;                    // what the real CPU reported
    uint32_t pc = 0;              // the guest's pc at the exit
    bool virtual_system = false;  // the guest's virtual mode at the exit
    Decision decision = Decision::Reflected;
    const char* routine = nullptr;             // the instruction run for the guest, for Emulated and Patched
    std::vector<CsrChange> changes;            // virtual privileged registers changed (filled when observed)
    uint32_t real_rbase = 0, real_rbound = 0;  // the real R the allocator set for the guest afterwards
};

// Any hook may call Monitor::request_break() to make run_round() and run()
// return as soon as the event at hand is handled (the debugger's breakpoints).
class MonitorObserver {
public:
    virtual ~MonitorObserver() = default;
    // The guest-visible events of this VM, or null for none.
    virtual Observer* guest(const Vm& vm) { return (void)vm, nullptr; }
    // An exit, after the dispatcher handled it (vm shows the state after).
    virtual void exited(const Vm& vm, const ExitEvent& exit) { (void)vm, (void)exit; }
    // A virtual interrupt delivered to the guest (epc: where it resumes).
    virtual void injected(const Vm& vm, pg32::Cause cause, uint32_t epc) { (void)vm, (void)cause, (void)epc; }
    // The monitor switched the real CPU to this VM.
    virtual void scheduled(const Vm& vm) { (void)vm; }
};

}  // namespace trapvm::vmm
