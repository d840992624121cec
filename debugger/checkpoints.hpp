// Checkpoints of a run: the world's state every `interval` events, so that
// any earlier event can be reached again by restoring the nearest one before
// it and replaying forward.
//
// A checkpoint is the world without its memory (registers, privileged
// registers, devices, the monitor's books: a few KiB), the memory as a table
// of pages shared with the other checkpoints and the live memory
// (memory_pages.hpp), and the timeline's own bookkeeping. The pre-decoded
// instructions are never kept.
//
// Memory is bounded. Everything the store holds is counted: copied pages,
// tables, states (not the live memory, which is the machine's). When there
// are more than max_count checkpoints, every other one is dropped (the
// first, at event 0, always stays) and the interval doubles: a run of N
// events keeps them about N / max_count apart. When a page must be copied
// (or a checkpoint taken) and would not fit in the budget (128 MiB by
// default), buffers kept for reuse go first, then every other checkpoint
// but the first and the one the live memory was last equal to (the interval
// stays): older ones thin out, those near the live state stay dense. Only
// the first checkpoint's pages (the program as loaded, copied as the
// program overwrites them) can go over the budget.
#pragma once

#include "debugger/memory_pages.hpp"
#include "debugger/world.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace trapvm::debug {

struct Checkpoint {
    uint64_t position = 0;         // the event the world is stopped at (the timeline's own numbering)
    std::vector<uint64_t> steps;   // each VM's step there: instructions retired
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
    // Takes the first checkpoint, of world at event 0. The world's memory
    // must stay where it is (a Machine's does).
    CheckpointStore(World& world, CheckpointPolicy policy);
    CheckpointStore(const CheckpointStore&) = delete;
    CheckpointStore& operator=(const CheckpointStore&) = delete;

    // The live world's memory at real address `address` is about to be
    // written (from the memory_written hooks, which come before the store).
    void writing(uint32_t address) { pages_.writing(address); }
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
    // that differ are written). Returns the pages written. Making room for
    // copies may drop checkpoints meanwhile, this one too.
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
    bool drop_for_room();
    template <class Drop> void drop_if(Drop drop);
    void make_room(uint64_t bytes);

    MemoryPages pages_;
    std::vector<Checkpoint> list_;  // sorted by position
    uint64_t state_bytes_ = 0;      // the checkpoints' states and bookkeeping
    size_t max_count_;
    uint64_t budget_;
    uint64_t interval_;
    uint64_t not_before_ = 0;  // after a checkpoint did not fit: no new try before this position
};

}  // namespace trapvm::debug
