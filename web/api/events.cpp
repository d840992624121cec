// The timeline's events and the rule that records them (see events.hpp).
#include "web/api/events.hpp"

#include "isa-spec/isa.hpp"

namespace trapvm::web {

using nlohmann::ordered_json;

namespace {

const char* kind_name(TimelineEvent::Kind k) {
    switch (k) {
    case TimelineEvent::Kind::Trap: return "trap";
    case TimelineEvent::Kind::Interrupt: return "interrupt";
    case TimelineEvent::Kind::Exit: return "exit";
    case TimelineEvent::Kind::Mode: return "mode";
    }
    return "?";
}

}  // namespace

// Named like trace/FORMAT.md's records, so that the page draws an event from
// a live run and a record from a trace file alike.
ordered_json to_json(const TimelineEvent& e) {
    ordered_json j{{"type", kind_name(e.kind)}, {"vm", e.vm}, {"step", e.step}, {"position", e.position}, {"pc", e.pc}};
    if (e.kind == TimelineEvent::Kind::Mode) {
        j["mode"] = e.system ? "system" : "user";
        return j;
    }
    j["cause"] = pg32::cause_name(e.cause);
    if (e.kind != TimelineEvent::Kind::Exit) return j;
    j["mode"] = e.system ? "system" : "user";
    j["decision"] = vmm::decision_name(static_cast<vmm::Decision>(e.decision));
    j["routine"] = e.routine ? ordered_json(e.routine) : ordered_json(nullptr);
    return j;
}

void EventLog::add(const TimelineEvent& e) {
    if (events_.size() < kMaxTimelineEvents) events_.push_back(e);
    else ++dropped_;
}

// effect: a trap or exit of the instruction at `position`; else a mode seen
// at the event `position`. Each is new only past what the log holds.
bool EventLog::fresh(uint64_t position, bool effect) {
    return effect ? position >= effects_done_ : position > modes_done_;
}

void EventLog::at_event(const debug::Event& e) {
    bool mode_is_new = fresh(e.position, false);
    modes_done_ = std::max(modes_done_, e.position);
    effects_done_ = std::max(effects_done_, e.position);  // every instruction before it has run
    if (!mode_is_new || !e.mode_changed) return;
    add({.position = e.position,
         .step = e.step,
         .pc = e.pc,
         .vm = e.vm,
         .kind = TimelineEvent::Kind::Mode,
         .system = e.system});
}

void EventLog::trapped(uint64_t position, uint64_t step, int vm, const Trap& trap, uint32_t epc) {
    if (!fresh(position, true)) return;
    add({.position = position + 1,
         .step = step,
         .pc = epc,
         .vm = vm,
         .kind = trap.is_interrupt() ? TimelineEvent::Kind::Interrupt : TimelineEvent::Kind::Trap,
         .cause = static_cast<uint8_t>(trap.cause)});
}

void EventLog::exited(uint64_t position, uint64_t step, int vm, const vmm::ExitEvent& exit) {
    if (!fresh(position, true)) return;
    add({.position = position + 1,
         .step = exit.routine ? step - 1 : step,  // an emulated instruction retired: its own step, as traces say
         .pc = exit.pc,
         .vm = vm,
         .kind = TimelineEvent::Kind::Exit,
         .cause = static_cast<uint8_t>(exit.trap.cause),
         .system = exit.virtual_system,
         .decision = static_cast<uint8_t>(exit.decision),
         .routine = exit.routine});
}

bool RecordingRule::at_event(const debug::Event& e) {
    log_.at_event(e);
    if (watcher_.at_event(e)) return true;
    spent_ = ++events_ >= budget_;
    return spent_;
}

void RecordingRule::trapped(int vm, const Trap& trap, uint32_t epc) {
    log_.trapped(timeline_.position(), timeline_.step(vm), vm, trap, epc);
    watcher_.trapped(vm, trap, epc);
}

void RecordingRule::exited(int vm, const vmm::ExitEvent& exit) {
    log_.exited(timeline_.position(), timeline_.step(vm), vm, exit);
    watcher_.exited(vm, exit);
}

}  // namespace trapvm::web
