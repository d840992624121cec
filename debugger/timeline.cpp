// Moving along the timeline (see timeline.hpp).
#include "debugger/timeline.hpp"

#include <cstring>

namespace trapvm::debug {

// Events from the world: before(), retired() and memory writes go through
// the timeline's bookkeeping, everything goes on to the rule.
class Timeline::Hooks : public RunHooks {
public:
    explicit Hooks(Timeline& t) : t_(t) {}
    bool before(int vm, uint32_t pc) override { return t_.on_before(vm, pc); }
    void register_written(int vm, int reg, uint32_t old_value, uint32_t new_value) override {
        if (effects_) t_.rule_->register_written(vm, reg, old_value, new_value);
    }
    void memory_written(int vm, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) override {
        t_.memory_written(vm, physical, size, old_value);
        if (effects_) t_.rule_->memory_written(vm, physical, size, old_value, new_value);
    }
    void retired(int vm, uint32_t pc, uint32_t word) override {
        ++t_.steps_[static_cast<size_t>(vm)];
        if (effects_) t_.rule_->retired(vm, pc, word);
    }
    void trapped(int vm, const Trap& trap, uint32_t epc) override {
        if (effects_) t_.rule_->trapped(vm, trap, epc);
    }
    void exited(int vm, const vmm::ExitEvent& exit) override {
        if (effects_) t_.rule_->exited(vm, exit);
    }

private:
    Timeline& t_;
    bool effects_ = t_.rule_->watches_effects();
};

// Where the timeline was before an instruction ran only to be taken back,
// and the memory it wrote (real address, size, old value).
struct Timeline::Undo {
    std::unique_ptr<World> state;
    uint64_t position, frontier;
    std::vector<uint64_t> steps, frontier_steps, end_steps;
    std::optional<uint64_t> end;
    std::vector<bool> modes;
    int vm;
    struct Write {
        uint32_t address;
        int size;
        uint32_t old_value;
    };
    std::vector<Write> writes;
};

namespace {

// Stops at one position.
class StopAt : public StopRule {
public:
    explicit StopAt(uint64_t position) : position_(position) {}
    bool at_event(const Event& e) override { return e.position >= position_; }
    bool watches_effects() const override { return false; }

private:
    uint64_t position_;
};

// Stops at the first event at which VM vm has retired `step` instructions
// and is about to run one, or has stopped.
class StopAtStep : public StopRule {
public:
    StopAtStep(const Timeline& t, int vm, uint64_t step) : t_(t), vm_(vm), step_(step) {}
    bool at_event(const Event& e) override {
        if (e.vm == vm_) return t_.step(vm_) >= step_;
        return !t_.world().running(vm_);  // another VM's event: has this one stopped?
    }
    bool watches_effects() const override { return false; }

private:
    const Timeline& t_;
    int vm_;
    uint64_t step_;
};

}  // namespace

Timeline::Timeline(std::unique_ptr<World> world, std::vector<ConsoleTap*> taps, CheckpointPolicy policy)
    : world_(std::move(world)), taps_(std::move(taps)), store_(*world_, policy) {
    for (int vm = 0; vm < world_->vm_count(); ++vm) modes_.push_back(world_->system_mode(vm));
    steps_.assign(modes_.size(), 0);
    frontier_steps_ = end_steps_ = steps_;
}

Timeline::~Timeline() = default;

bool Timeline::on_before(int vm, uint32_t pc) {
    if (resuming_) {
        resuming_ = false;
        return false;
    }
    ++position_;
    ++events_run_;
    current_vm_ = vm;
    Event event{vm, pc, position_, steps_[static_cast<size_t>(vm)], world_->system_mode(vm), false};
    event.mode_changed = event.system != modes_[static_cast<size_t>(vm)];
    modes_[static_cast<size_t>(vm)] = event.system;
    bool stop = rule_->at_event(event);
    for_checkpoint_ = !stop && position_ >= next_due_;
    if (!stop && !for_checkpoint_) return false;
    resuming_ = true;
    return true;
}

void Timeline::memory_written(int vm, uint32_t physical, int size, uint32_t old_value) {
    uint32_t address = world_->real_address(vm, physical);
    store_.writing(address);
    if (undo_) undo_->writes.push_back({address, size, old_value});
}

World::RunEnd Timeline::run(StopRule& rule) {
    if (at_end_) return World::RunEnd::Finished;
    rule_ = &rule;
    for (;;) {
        next_due_ = undo_ ? UINT64_MAX : store_.next_due(position_);
        for_checkpoint_ = false;
        Hooks hooks(*this);
        World::RunEnd end = world_->run(hooks);
        if (end == World::RunEnd::Finished) {
            at_end_ = true;
            resuming_ = false;
            end_ = ++position_;  // one past the last event
            end_steps_ = steps_;
        }
        if (position_ > frontier_) {
            frontier_ = position_;
            frontier_steps_ = steps_;
        }
        if (end == World::RunEnd::Finished) return end;
        maybe_checkpoint();
        if (!for_checkpoint_) return end;
    }
}

void Timeline::maybe_checkpoint() {
    if (!undo_) store_.take(*world_, position_, steps_, modes_, current_vm_);
}

// Restoring may drop checkpoints (making room for copies): c's books first.
void Timeline::restore_checkpoint(const Checkpoint& c) {
    position_ = c.position;
    steps_ = c.steps;
    modes_ = c.modes;
    current_vm_ = c.vm;
    store_.restore(c, *world_);
    at_end_ = false;
    resuming_ = true;
    rewind_taps();
}

uint64_t Timeline::restore(uint64_t position) {
    restore_checkpoint(store_.at_or_before(position));
    return position_;
}

void Timeline::rewind_taps() {
    for (size_t vm = 0; vm < taps_.size(); ++vm)
        if (taps_[vm]) taps_[vm]->rewind(world_->console(static_cast<int>(vm)).bytes_written);
}

void Timeline::mute_taps(bool on) {
    for (ConsoleTap* tap : taps_)
        if (tap) tap->mute(on);
}

void Timeline::travel_to(uint64_t position) {
    if (at_end_ ? position >= position_ : position == position_) return;
    const Checkpoint& c = store_.at_or_before(position);
    if (at_end_ || position < position_ || c.position > position_) restore_checkpoint(c);  // nearer, forward too
    if (position_ == position) return;
    StopAt rule(position);
    run(rule);
}

bool Timeline::at_step(int vm, uint64_t step) const {
    return !at_end_ && current_vm_ == vm && this->step(vm) == step && world_->running(vm);
}

// The target is the state before the instruction that *retires* as step
// `step`; whether an instruction traps is only known by running it, so
// each candidate runs and, when it retired, is taken back. A VM that has
// stopped here with at most `step` retired: the target is where it stopped,
// so the run starts from a checkpoint before its last instruction.
void Timeline::travel_to_step(int vm, uint64_t step) {
    uint64_t now = this->step(vm);
    bool stopped = !world_->running(vm) && now <= step;
    const Checkpoint& c = stopped ? (now ? store_.latest_with_step(vm, now - 1) : store_.at_or_before(0))
                                  : store_.latest_with_step(vm, step);
    bool target_ahead = !at_end_ && !stopped && now <= step;  // no event after the target has this few
    if (!target_ahead || c.position > position_) restore_checkpoint(c);
    for (;;) {
        if (!at_step(vm, step)) {
            StopAtStep rule(*this, vm, step);
            run(rule);
        }
        if (at_end_ || current_vm_ != vm || !world_->running(vm) || this->step(vm) != step) return;
        if (retires_here()) return;
    }
}

// Runs the instruction of the current event. When it retired, takes it back
// (the timeline is exactly as before) and returns true; when it trapped,
// stays at the next event and returns false.
bool Timeline::retires_here() {
    int vm = current_vm_;
    Undo undo{world_->copy_state(), position_, frontier_, steps_,      frontier_steps_,
              end_steps_,           end_,      modes_,    current_vm_, {}};
    undo_ = &undo;
    mute_taps(true);
    StopAt next(position_ + 1);
    run(next);
    mute_taps(false);
    undo_ = nullptr;
    if (step(vm) == undo.steps[static_cast<size_t>(vm)]) return false;
    take_back(undo);
    return true;
}

void Timeline::take_back(Undo& undo) {
    world_->assign_state(*undo.state);
    for (auto w = undo.writes.rbegin(); w != undo.writes.rend(); ++w) {
        uint8_t bytes[4];
        std::memcpy(bytes, &w->old_value, sizeof bytes);
        store_.writing(w->address);
        world_->write_memory(w->address, {bytes, static_cast<size_t>(w->size)});
    }
    position_ = undo.position;
    frontier_ = undo.frontier;
    steps_ = std::move(undo.steps);
    frontier_steps_ = std::move(undo.frontier_steps);
    end_ = undo.end;
    end_steps_ = std::move(undo.end_steps);
    modes_ = std::move(undo.modes);
    current_vm_ = undo.vm;
    at_end_ = false;
    resuming_ = true;
    rewind_taps();
}

}  // namespace trapvm::debug
