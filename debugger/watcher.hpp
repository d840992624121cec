// Deciding where a forward run stops: breakpoints and watchpoints, the goal
// of the command (step, next, finish, until) and Ctrl-C. (The step limit
// stops the VMs themselves, as in `trapvm run`: see world.hpp.)
//
// Breakpoints on code stop at the event itself; the others (trap, mode is
// seen at the event too, exit, watchpoints) are noticed between events and
// stop at the next event, "after the instruction that did it". In record
// mode the watcher never stops a run; it reports each event and whether a
// breakpoint would have stopped there (reverse-continue and reverse-step
// scan the past this way).
#pragma once

#include "debugger/breakpoints.hpp"
#include "debugger/locations.hpp"
#include "debugger/timeline.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace trapvm::debug {

// What a run command waits for, besides breakpoints.
class Goal {
public:
    virtual ~Goal() = default;
    virtual void retired(int vm, uint32_t pc, uint32_t word) { (void)vm, (void)pc, (void)word; }
    // At each new event: is the command done?
    virtual bool reached(const Event& event, const World& world) = 0;
};

// N instructions of one VM (under the monitor other VMs run meanwhile).
std::unique_ptr<Goal> step_goal(int vm, uint64_t count);
// Back at return_pc with the stack pointer and mode of the call.
std::unique_ptr<Goal> return_goal(int vm, uint32_t return_pc, uint32_t sp, bool system);
// The current function returned: more returns than calls since now.
std::unique_ptr<Goal> finish_goal(int vm);
// About to run the instruction at a (guest-)physical address.
std::unique_ptr<Goal> until_goal(int vm, uint32_t physical);
// A goal for a VM that is not the one about to run: its first event is the
// instruction it is parked at, which it has not run yet; that one does not count.
std::unique_ptr<Goal> after_parked(int vm, std::unique_ptr<Goal> goal);

bool is_call(uint32_t word);    // jal or jalr writing ra
bool is_return(uint32_t word);  // jalr zero, 0(ra)

// Set from a signal handler (Ctrl-C): stop the run at the next event.
void request_interrupt();

struct WatchOptions {
    Goal* goal = nullptr;
    uint64_t limit = UINT64_MAX;  // record mode: stop at this position (the scan's end)
    // Record mode: called for every event with what breakpoints would say
    // there (empty: no hit).
    std::function<void(const Event& event, const std::vector<std::string>& hits)> record;
};

class Watcher : public StopRule {
public:
    enum class Why { None, Goal, Breakpoint, Interrupted };

    Watcher(const Timeline& timeline, const Breakpoints& breakpoints, const std::vector<Symbols>& symbols,
            WatchOptions options);

    bool at_event(const Event& event) override;
    void register_written(int vm, int reg, uint32_t old_value, uint32_t new_value) override;
    void memory_written(int vm, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) override;
    void retired(int vm, uint32_t pc, uint32_t word) override;
    void trapped(int vm, const Trap& trap, uint32_t epc) override;
    void exited(int vm, const vmm::ExitEvent& exit) override;

    Why why() const { return why_; }
    // What stopped the run (one line each), and traps and exits passed on the way.
    const std::vector<std::string>& hits() const { return hits_; }
    const std::vector<std::string>& notes() const { return notes_; }

private:
    Why stop_for(const Event& event);
    void check_code_and_mode(const Event& event);
    void hit(int vm, std::string message);
    void note(int vm, std::string message);
    std::string where(int vm, uint32_t pc) const;
    const World& world() const { return timeline_.world(); }

    const Timeline& timeline_;
    const Breakpoints& breakpoints_;
    const std::vector<Symbols>& symbols_;
    WatchOptions options_;
    std::vector<uint32_t> last_pc_;  // each VM's current instruction (the one writing)
    std::vector<std::string> hits_, notes_;
    size_t hidden_notes_ = 0;
    Why why_ = Why::None;
};

}  // namespace trapvm::debug
