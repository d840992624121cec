// Checkpoints of a run: copies of the whole World taken every `interval`
// events, so that any earlier event can be reached again by restoring the
// nearest one before it and replaying forward. Dropped checkpoints are kept
// as spares and overwritten by later ones: touching fresh memory costs far
// more than copying into memory already in use.
//
// Memory is bounded: at most max_count() checkpoints are kept. When one more
// arrives, every other one is dropped (the first, at step 0, always stays)
// and the interval doubles. So a run of N steps keeps checkpoints about
// N / max_count apart, and going back costs at most that much replay.
#pragma once

#include "debugger/world.hpp"

#include <cstdint>
#include <memory>
#include <vector>

namespace trapvm::debug {

struct Checkpoint {
    uint64_t position = 0;         // the event the world is stopped at
    std::unique_ptr<World> world;  // stopped before that event's instruction
    std::vector<bool> modes;       // each VM's mode at its previous event (for `break mode`)
    int vm = 0;                    // the VM of that event
};

// How often checkpoints are taken, and how many are kept (0: as many as fit
// in kMemoryBudget, from 2 to 64). Tests make them small to exercise thinning.
struct CheckpointPolicy {
    static constexpr uint64_t kMemoryBudget = 128ull << 20;
    uint64_t first_interval = 1000;
    size_t max_count = 0;
};

class CheckpointStore {
public:
    CheckpointStore(uint64_t state_bytes, CheckpointPolicy policy);

    // A copy of world for a checkpoint: a spare overwritten, or a clone.
    std::unique_ptr<World> copy_of(const World& world);
    void add(Checkpoint checkpoint);
    // The latest checkpoint at or before position (there is always one at 0).
    const Checkpoint& at_or_before(uint64_t position) const;
    // Is a checkpoint wanted at position?
    bool due(uint64_t position) const { return position - at_or_before(position).position >= interval_; }
    // The first position at which one may be wanted.
    uint64_t next_due(uint64_t position) const { return at_or_before(position).position + interval_; }

    size_t count() const { return list_.size(); }
    size_t max_count() const { return max_count_; }
    uint64_t interval() const { return interval_; }
    uint64_t bytes() const { return state_bytes_ * (list_.size() + spare_.size()); }

private:
    void thin_out();

    std::vector<Checkpoint> list_;  // sorted by position
    std::vector<std::unique_ptr<World>> spare_;
    uint64_t state_bytes_;
    size_t max_count_;
    uint64_t interval_;
};

}  // namespace trapvm::debug
