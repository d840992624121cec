// The timeline of a run: where the debugger is, how it moves forward, and
// how it goes back, by deterministic replay.
//
// Steps. What the user sees is each VM's step: step N of a VM is its N-th
// retired instruction, counting from 0, the number `trapvm trace` gives it
// (trace/FORMAT.md, "Step numbers"). At a stop the debugger shows the number
// of instructions the VM has retired; "step N" is the state just before the
// instruction that retires as step N runs, after any trap or interrupt taken
// before it. A trapping instruction does not retire: the debugger can stop
// before it (a breakpoint, `step`), and shows the step number it shares with
// the handler's first instruction, which comes next.
//
// Positions. Inside, every time some VM is about to run an instruction is an
// *event*, numbered 0, 1, 2, ... in run order, trapping instructions too;
// the debugger only ever stops at an event, before its instruction runs (or
// at the end, one past the last event). So a position names one exact state
// of the whole world. Positions are the timeline's own: checkpoints and
// replay use them, the user never sees them.
//
// Replay. The world is deterministic (no host clock, input from a shared
// append-only buffer, a monitor whose breaks resume exactly), so running
// forward from a checkpoint reaches every later event in exactly the same
// state as the first time. Going to position P = restore the latest
// checkpoint at or before P, when it is nearer than where the debugger is,
// and run forward to P. Console output is not printed twice (ConsoleTap).
#pragma once

#include "debugger/checkpoints.hpp"
#include "debugger/console_tap.hpp"
#include "debugger/world.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace trapvm::debug {

// An event as a stop rule sees it.
struct Event {
    int vm = 0;
    uint32_t pc = 0;
    uint64_t position = 0;      // the timeline's own number of the event
    uint64_t step = 0;          // the VM's step: the instructions it retired before this one
    bool system = false;        // the (virtual) mode the instruction will run in
    bool mode_changed = false;  // since this VM's previous event
};

// Decides where a run stops. The hooks between events come first; then
// at_event() for each new event: true stops before it.
class StopRule {
public:
    virtual ~StopRule() = default;
    virtual bool at_event(const Event& event) = 0;
    // False for a rule that only looks at events (going to a position):
    // replay then skips calling the hooks below.
    virtual bool watches_effects() const { return true; }
    virtual void register_written(int, int, uint32_t, uint32_t) {}
    virtual void memory_written(int, uint32_t, int, uint32_t, uint32_t) {}
    virtual void retired(int, uint32_t, uint32_t) {}
    virtual void trapped(int, const Trap&, uint32_t) {}
    virtual void exited(int, const vmm::ExitEvent&) {}
};

class Timeline {
public:
    Timeline(std::unique_ptr<World> world, std::vector<ConsoleTap*> taps, CheckpointPolicy policy = {});
    ~Timeline();

    const World& world() const { return *world_; }
    uint64_t position() const { return position_; }
    bool at_end() const { return at_end_; }
    int current_vm() const { return current_vm_; }
    // Each VM's step here: the instructions it has retired.
    uint64_t step(int vm) const { return steps_[static_cast<size_t>(vm)]; }
    // Furthest position reached so far, and each VM's step there.
    uint64_t frontier() const { return frontier_; }
    uint64_t frontier_step(int vm) const { return frontier_steps_[static_cast<size_t>(vm)]; }
    // The end's position, and each VM's step there, once the end was reached.
    std::optional<uint64_t> end_position() const { return end_; }
    uint64_t end_step(int vm) const { return end_steps_[static_cast<size_t>(vm)]; }
    const CheckpointStore& checkpoints() const { return store_; }
    // Events run so far, first time or replayed (tests count replay with it).
    uint64_t events_run() const { return events_run_; }

    // Runs forward from here until `rule` stops it (Break) or the end.
    World::RunEnd run(StopRule& rule);
    // Goes to `position`, back or forward; stops at the end if it comes first.
    void travel_to(uint64_t position);
    // Goes to VM vm's step `step` (see "Steps" above); if the VM stopped
    // with fewer or exactly that many retired, to the first stop after it
    // stopped (the end on the bare machine).
    void travel_to_step(int vm, uint64_t step);
    // Restores the latest checkpoint at or before `position`; returns where it is.
    uint64_t restore(uint64_t position);

private:
    class Hooks;
    struct Undo;
    bool on_before(int vm, uint32_t pc);
    void memory_written(int vm, uint32_t physical, int size, uint32_t old_value);
    void maybe_checkpoint();
    void restore_checkpoint(const Checkpoint& c);
    bool at_step(int vm, uint64_t step) const;
    bool retires_here();
    void take_back(Undo& undo);
    void rewind_taps();
    void mute_taps(bool on);

    std::unique_ptr<World> world_;
    std::vector<ConsoleTap*> taps_;
    CheckpointStore store_;
    uint64_t position_ = 0;
    std::vector<uint64_t> steps_;
    uint64_t frontier_ = 0;
    std::vector<uint64_t> frontier_steps_;
    std::optional<uint64_t> end_;
    std::vector<uint64_t> end_steps_;
    bool at_end_ = false;
    int current_vm_ = 0;
    // The world is stopped before an event's instruction; resuming, the
    // world announces that same instruction again: not a new event.
    bool resuming_ = true;
    std::vector<bool> modes_;  // each VM's mode at its previous event
    StopRule* rule_ = nullptr;
    uint64_t next_due_ = 0;        // position at which a checkpoint may be due
    bool for_checkpoint_ = false;  // the last stop was only to take a checkpoint
    uint64_t events_run_ = 0;
    Undo* undo_ = nullptr;  // while an instruction runs only to be taken back
};

}  // namespace trapvm::debug
