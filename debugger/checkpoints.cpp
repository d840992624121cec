// Keeping checkpoints within a memory budget (see checkpoints.hpp).
#include "debugger/checkpoints.hpp"

#include <algorithm>

namespace trapvm::debug {

namespace {

Checkpoint make_checkpoint(World& world, uint64_t position, const std::vector<uint64_t>& steps,
                           const std::vector<bool>& modes, int vm) {
    Checkpoint c{position, steps, world.copy_state(), nullptr, modes, vm, 0};
    c.bytes = sizeof(Checkpoint) + c.state->state_bytes() + steps.size() * sizeof(uint64_t) + modes.size() / 8 + 8;
    return c;
}

}  // namespace

CheckpointStore::CheckpointStore(World& world, CheckpointPolicy policy)
    : pages_(world.memory()),
      max_count_(std::max<size_t>(policy.max_count, 2)),
      budget_(policy.budget),
      interval_(std::max<uint64_t>(policy.first_interval, 1)) {
    pages_.on_growth([this] { make_room(MemoryPages::kPageBytes); });
    std::vector<bool> modes;
    for (int vm = 0; vm < world.vm_count(); ++vm) modes.push_back(world.system_mode(vm));
    Checkpoint first =
        make_checkpoint(world, 0, std::vector<uint64_t>(static_cast<size_t>(world.vm_count())), modes, 0);
    first.memory = pages_.snapshot();  // the program as loaded: always kept
    add(std::move(first));
}

uint64_t CheckpointStore::next_due(uint64_t position) const {
    return std::max(at_or_before(position).position + interval_, not_before_);
}

void CheckpointStore::take(World& world, uint64_t position, const std::vector<uint64_t>& steps,
                           const std::vector<bool>& modes, int vm) {
    if (!due(position)) return;
    Checkpoint c = make_checkpoint(world, position, steps, modes, vm);
    make_room(pages_.snapshot_cost() + c.bytes);
    if (bytes() + pages_.snapshot_cost() + c.bytes > budget_) {  // only the first is left, and it is too big
        not_before_ = position + interval_;
        return;
    }
    c.memory = pages_.snapshot();
    add(std::move(c));
    if (list_.size() > max_count_) thin_out();
}

void CheckpointStore::add(Checkpoint checkpoint) {
    auto later = std::upper_bound(list_.begin(), list_.end(), checkpoint.position,
                                  [](uint64_t p, const Checkpoint& c) { return p < c.position; });
    state_bytes_ += checkpoint.bytes;
    list_.insert(later, std::move(checkpoint));
}

const Checkpoint& CheckpointStore::at_or_before(uint64_t position) const {
    auto later = std::upper_bound(list_.begin(), list_.end(), position,
                                  [](uint64_t p, const Checkpoint& c) { return p < c.position; });
    return *(later - 1);  // list_[0] is at position 0
}

// Steps only grow along the run, so the checkpoints with at most `step` come first.
const Checkpoint& CheckpointStore::latest_with_step(int vm, uint64_t step) const {
    auto later = std::partition_point(list_.begin(), list_.end(),
                                      [&](const Checkpoint& c) { return c.steps[static_cast<size_t>(vm)] <= step; });
    return later == list_.begin() ? list_.front() : *(later - 1);
}

size_t CheckpointStore::restore(const Checkpoint& checkpoint, World& world) {
    world.assign_state(*checkpoint.state);
    return pages_.restore(
        checkpoint.memory,  // a copy of the table: checkpoint may go meanwhile
        [&](uint32_t address, std::span<const uint8_t> bytes) { world.write_memory(address, bytes); });
}

// Something of `bytes` is about to be added: spare buffers go, then
// checkpoints, until it fits (or only the first checkpoint is left).
void CheckpointStore::make_room(uint64_t bytes) {
    while (this->bytes() + bytes > budget_)
        if (!pages_.release_spare() && !drop_for_room()) return;
}

// Drops the checkpoints `drop(i)` says, never the first. The live memory's
// base must stay a kept table (or the dropped pages stay held): when it is
// dropped, the kept checkpoint before it becomes the base.
template <class Drop> void CheckpointStore::drop_if(Drop drop) {
    std::vector<Checkpoint> kept;
    for (size_t i = 0; i < list_.size(); ++i) {
        if (i == 0 || !drop(i)) {
            kept.push_back(std::move(list_[i]));
            continue;
        }
        if (list_[i].memory == pages_.base()) pages_.rebase(kept.back().memory);
        state_bytes_ -= list_[i].bytes;
    }
    list_ = std::move(kept);
}

// Too many: every other one, and the interval doubles.
void CheckpointStore::thin_out() {
    drop_if([](size_t i) { return i % 2 == 1; });
    interval_ *= 2;
}

// Too much memory: every other one but the live memory's base; when that
// drops none, all but the first. False when nothing was left to drop.
bool CheckpointStore::drop_for_room() {
    size_t before = list_.size();
    drop_if([&](size_t i) { return i % 2 == 1 && list_[i].memory != pages_.base(); });
    if (list_.size() == before) drop_if([](size_t) { return true; });
    return list_.size() < before;
}

}  // namespace trapvm::debug
