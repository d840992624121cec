// The timeline of a run: where the debugger is, how it moves forward, and
// how it goes back, by deterministic replay.
//
// Positions. Every time some VM is about to run an instruction is an
// *event*, numbered 0, 1, 2, ... in run order: "step N" in the debugger's
// words. The debugger only ever stops at an event, before its instruction
// runs (or at the end, one past the last event). So a position names one
// exact state of the whole world, whatever happened in between: traps,
// interrupts, device input, monitor exits, time slices.
//
// Replay. The world is deterministic (no host clock, input from a shared
// append-only buffer, a monitor whose breaks resume exactly), so running
// forward from a checkpoint reaches every later event in exactly the same
// state as the first time. Going back to position P = restore the latest
// checkpoint at or before P and run forward to P. Console output is not
// printed twice (ConsoleTap).
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
    uint64_t position = 0;
    bool system = false;        // the (virtual) mode the instruction will run in
    bool mode_changed = false;  // since this VM's previous event
};

// Decides where a run stops. The hooks between events come first; then
// at_event() for each new event: true stops before it.
class StopRule {
public:
    virtual ~StopRule() = default;
    virtual bool at_event(const Event& event) = 0;
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
    // Furthest position reached so far; the end's position once it was reached.
    uint64_t frontier() const { return frontier_; }
    std::optional<uint64_t> end_position() const { return end_; }
    const CheckpointStore& checkpoints() const { return store_; }

    // Runs forward from here until `rule` stops it (Break) or the end.
    World::RunEnd run(StopRule& rule);
    // Goes to `position`, back or forward; stops at the end if it comes first.
    void travel_to(uint64_t position);
    // Restores the latest checkpoint at or before `position`; returns where it is.
    uint64_t restore(uint64_t position);

private:
    class Hooks;
    bool on_before(int vm, uint32_t pc);
    void maybe_checkpoint();

    std::unique_ptr<World> world_;
    std::vector<ConsoleTap*> taps_;
    CheckpointStore store_;
    uint64_t position_ = 0;
    uint64_t frontier_ = 0;
    std::optional<uint64_t> end_;
    bool at_end_ = false;
    int current_vm_ = 0;
    // The world is stopped before an event's instruction; resuming, the
    // world announces that same instruction again: not a new event.
    bool resuming_ = true;
    std::vector<bool> modes_;  // each VM's mode at its previous event
    StopRule* rule_ = nullptr;
    uint64_t next_due_ = 0;  // position at which a checkpoint may be due
    bool for_checkpoint_ = false;  // the last stop was only to take a checkpoint
};

}  // namespace trapvm::debug
