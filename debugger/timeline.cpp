// Moving along the timeline (see timeline.hpp).
#include "debugger/timeline.hpp"

namespace trapvm::debug {

// Events from the world: before() goes through the timeline's bookkeeping,
// the rest straight to the rule.
class Timeline::Hooks : public RunHooks {
public:
    explicit Hooks(Timeline& t) : t_(t) {}
    bool before(int vm, uint32_t pc) override { return t_.on_before(vm, pc); }
    void register_written(int vm, int reg, uint32_t old_value, uint32_t new_value) override {
        t_.rule_->register_written(vm, reg, old_value, new_value);
    }
    void memory_written(int vm, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) override {
        t_.rule_->memory_written(vm, physical, size, old_value, new_value);
    }
    void retired(int vm, uint32_t pc, uint32_t word) override { t_.rule_->retired(vm, pc, word); }
    void trapped(int vm, const Trap& trap, uint32_t epc) override { t_.rule_->trapped(vm, trap, epc); }
    void exited(int vm, const vmm::ExitEvent& exit) override { t_.rule_->exited(vm, exit); }

private:
    Timeline& t_;
};

namespace {

// Stops at one position.
class StopAt : public StopRule {
public:
    explicit StopAt(uint64_t position) : position_(position) {}
    bool at_event(const Event& e) override { return e.position >= position_; }

private:
    uint64_t position_;
};

}  // namespace

Timeline::Timeline(std::unique_ptr<World> world, std::vector<ConsoleTap*> taps, CheckpointPolicy policy)
    : world_(std::move(world)), taps_(std::move(taps)), store_(world_->state_bytes(), policy) {
    for (int vm = 0; vm < world_->vm_count(); ++vm) modes_.push_back(world_->system_mode(vm));
    store_.add(Checkpoint{0, store_.copy_of(*world_), modes_, 0});
}

Timeline::~Timeline() = default;

bool Timeline::on_before(int vm, uint32_t pc) {
    if (resuming_) {
        resuming_ = false;
        return false;
    }
    ++position_;
    current_vm_ = vm;
    Event event{vm, pc, position_, world_->system_mode(vm), false};
    event.mode_changed = event.system != modes_[static_cast<size_t>(vm)];
    modes_[static_cast<size_t>(vm)] = event.system;
    bool stop = rule_->at_event(event);
    for_checkpoint_ = !stop && position_ >= next_due_;
    if (!stop && !for_checkpoint_) return false;
    resuming_ = true;
    return true;
}

World::RunEnd Timeline::run(StopRule& rule) {
    if (at_end_) return World::RunEnd::Finished;
    rule_ = &rule;
    for (;;) {
        next_due_ = store_.next_due(position_);
        for_checkpoint_ = false;
        Hooks hooks(*this);
        World::RunEnd end = world_->run(hooks);
        if (end == World::RunEnd::Finished) {
            at_end_ = true;
            resuming_ = false;
            end_ = ++position_;  // one past the last event
            frontier_ = position_;
            return end;
        }
        frontier_ = std::max(frontier_, position_);
        maybe_checkpoint();
        if (!for_checkpoint_) return end;
    }
}

void Timeline::maybe_checkpoint() {
    if (store_.due(position_)) store_.add(Checkpoint{position_, store_.copy_of(*world_), modes_, current_vm_});
}

uint64_t Timeline::restore(uint64_t position) {
    const Checkpoint& c = store_.at_or_before(position);
    world_->assign(*c.world);
    position_ = c.position;
    modes_ = c.modes;
    current_vm_ = c.vm;
    at_end_ = false;
    resuming_ = true;
    for (size_t vm = 0; vm < taps_.size(); ++vm)
        if (taps_[vm]) taps_[vm]->rewind(world_->console(static_cast<int>(vm)).bytes_written);
    return position_;
}

void Timeline::travel_to(uint64_t position) {
    if (at_end_ ? position >= position_ : position == position_) return;
    if (at_end_ || position < position_) restore(position);
    if (position_ == position) return;
    StopAt rule(position);
    run(rule);
}

}  // namespace trapvm::debug
