// Checkpoints of a run: the world's state every `interval` events, so that
// any earlier event can be reached again by restoring the nearest one before
// it and replaying forward.
//
// A checkpoint is the world without its memory (registers, privileged
// registers, devices, the monitor's books: a few KiB), the memory as a table
// of pages shared with the other checkpoints (memory_pages.hpp), and the
// timeline's own bookkeeping. The pre-decoded instructions are never kept.
//
// Memory is bounded. Everything the store holds is counted: pages, tables,
// states. A checkpoint is only taken when what it may add fits in the budget
// (128 MiB by default); when it does not, or when there are more than
// max_count, every other checkpoint is dropped (the first, at event 0, always
// stays) and the interval doubles. So a run of N events keeps checkpoints
// about N / max_count apart, further when the program writes so much memory
// that they do not fit. When even one more does not fit after dropping all
// but the first, none is taken: going back then replays from the first.
#pragma once

#include "debugger/memory_pages.hpp"
#include "debugger/world.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace trapvm::debug {

struct Checkpoint {
    uint64_t position = 0;        // the event the world is stopped at (the timeline's own numbering)
    std::vector<uint64_t> steps;  // each VM's step there: instructions retired
    std::unique_ptr<World> state;  // stopped before that event's instruction; no memory
    MemoryPages::Table memory;
    std::vector<bool> modes;  // each VM's mode at its previous event (for `break mode`)
    int vm = 0;               // the VM of that event
    uint64_t bytes = 0;       // what the state and bookkeeping hold (the memory is counted by the pages)
};

// How often checkpoints are taken, how many and how much memory they may
// hold. Tests make them small to exercise thinning and the budget.
struct CheckpointPolicy {
    static constexpr uint64_t kMemoryBudget = 128ull << 20;
    static constexpr size_t kMaxCount = 256;
    uint64_t first_interval = 1000;
    size_t max_count = kMaxCount;  // at least 2
    uint64_t budget = kMemoryBudget;
};

class CheckpointStore {
public:
    // Takes the first checkpoint, of world at event 0.
    CheckpointStore(World& world, CheckpointPolicy policy);

    // The live world's memory at real address `address` was written.
    void written(uint32_t address) { pages_.written(address); }
    // Is a checkpoint wanted at position?
    bool due(uint64_t position) const { return position >= next_due(position); }
    // The first position at or after `position` at which one may be wanted.
    uint64_t next_due(uint64_t position) const;
    // Takes a checkpoint of world at position, if it is due and fits.
    void take(World& world, uint64_t position, const std::vector<uint64_t>& steps, const std::vector<bool>& modes,
              int vm);
    // The latest checkpoint at or before position (there is always one at 0).
    const Checkpoint& at_or_before(uint64_t position) const;
    // The latest checkpoint at which VM vm had retired at most `step` instructions.
    const Checkpoint& latest_with_step(int vm, uint64_t step) const;
    // Makes world the checkpoint's state, memory included (only the pages
    // that differ are written). Returns the pages written.
    size_t restore(const Checkpoint& checkpoint, World& world);

    size_t count() const { return list_.size(); }
    size_t max_count() const { return max_count_; }
    uint64_t interval() const { return interval_; }
    uint64_t budget() const { return budget_; }
    // Everything held: pages, tables, states.
    uint64_t bytes() const { return pages_.bytes() + state_bytes_; }
    const MemoryPages& pages() const { return pages_; }

private:
    void add(Checkpoint checkpoint);
    void thin_out();

    MemoryPages pages_;
    std::vector<Checkpoint> list_;  // sorted by position
    uint64_t state_bytes_ = 0;      // the checkpoints' states and bookkeeping
    size_t max_count_;
    uint64_t budget_;
    uint64_t interval_;
    uint64_t not_before_ = 0;  // after a checkpoint did not fit: no new try before this position
};

}  // namespace trapvm::debug
