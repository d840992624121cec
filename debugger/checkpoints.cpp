// Keeping checkpoints within a memory budget (see checkpoints.hpp).
#include "debugger/checkpoints.hpp"

#include <algorithm>

namespace trapvm::debug {

CheckpointStore::CheckpointStore(uint64_t state_bytes, CheckpointPolicy policy)
    : state_bytes_(std::max<uint64_t>(state_bytes, 1)), interval_(std::max<uint64_t>(policy.first_interval, 1)) {
    max_count_ = policy.max_count ? std::max<size_t>(policy.max_count, 2)
                                  : static_cast<size_t>(
                                        std::clamp<uint64_t>(CheckpointPolicy::kMemoryBudget / state_bytes_, 2, 64));
}

std::unique_ptr<World> CheckpointStore::copy_of(const World& world) {
    if (spare_.empty()) return world.clone();
    std::unique_ptr<World> copy = std::move(spare_.back());
    spare_.pop_back();
    copy->assign(world);
    return copy;
}

void CheckpointStore::add(Checkpoint checkpoint) {
    auto later = std::upper_bound(list_.begin(), list_.end(), checkpoint.position,
                                  [](uint64_t p, const Checkpoint& c) { return p < c.position; });
    if (later != list_.begin() && (later - 1)->position == checkpoint.position) {  // have it
        spare_.push_back(std::move(checkpoint.world));
        return;
    }
    list_.insert(later, std::move(checkpoint));
    if (list_.size() > max_count_) thin_out();
}

const Checkpoint& CheckpointStore::at_or_before(uint64_t position) const {
    auto later = std::upper_bound(list_.begin(), list_.end(), position,
                                  [](uint64_t p, const Checkpoint& c) { return p < c.position; });
    return *(later - 1);  // list_[0] is at position 0
}

// Drops every other checkpoint but the first, and doubles the interval.
void CheckpointStore::thin_out() {
    std::vector<Checkpoint> kept;
    for (size_t i = 0; i < list_.size(); ++i) {
        if (i % 2 == 0) kept.push_back(std::move(list_[i]));
        else spare_.push_back(std::move(list_[i].world));
    }
    list_ = std::move(kept);
    interval_ *= 2;
}

}  // namespace trapvm::debug
