// What the page records while the debugger runs forward: the timeline's
// events (mode switches, traps, interrupts, monitor exits) and the console.
//
// The timeline numbers every instruction any VM is about to run (a
// *position*, debugger/timeline.hpp). Going back and running forward again
// replays positions already seen; the log records each position's events
// once, the first time the run gets there, so a replay adds nothing.
//
//   position  p-1        p          p+1
//   VM events --+--------+----------+--> (p: the instruction at p runs)
//               |        `trap SYSCALL, exit: reflect  (recorded at p)
//               `mode: user -> system is seen at p+1 (the next event)
#pragma once

#include "debugger/console_tap.hpp"
#include "debugger/timeline.hpp"
#include "debugger/watcher.hpp"
#include "isa-spec/isa.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace trapvm::web {

// A timeline event. position: where the page jumps to show it (the event
// after a trap or an exit, where `break trap`/`break exit` stop; for a mode
// switch the first instruction in the new mode).
struct TimelineEvent {
    enum class Kind : uint8_t { Trap, Interrupt, Exit, Mode };
    uint64_t position = 0;
    uint64_t step = 0;  // the VM's step (trace/FORMAT.md, "Step numbers")
    uint32_t pc = 0;    // epc of a trap; the guest's pc at an exit; the first instruction in a new mode
    int vm = 0;
    Kind kind = Kind::Trap;
    uint8_t cause = 0;              // Trap, Interrupt, Exit: the cause code
    bool system = false;            // Mode: to system mode; Exit: the guest's virtual mode
    uint8_t decision = 0;           // Exit: vmm::Decision
    const char* routine = nullptr;  // Exit: the interpreter routine, or null
};

nlohmann::ordered_json to_json(const TimelineEvent& e);

// At most this many events are kept (a billion-instruction guest OS run has
// a few million); past it the log only counts them, and says so.
inline constexpr size_t kMaxTimelineEvents = 1'000'000;

class EventLog {
public:
    // Hooks of a forward run, at the timeline's position `position`.
    void at_event(const debug::Event& e);
    void trapped(uint64_t position, uint64_t step, int vm, const Trap& trap, uint32_t epc);
    void exited(uint64_t position, uint64_t step, int vm, const vmm::ExitEvent& exit);

    const std::vector<TimelineEvent>& events() const { return events_; }
    uint64_t dropped() const { return dropped_; }

private:
    bool fresh(uint64_t position, bool effect);
    void add(const TimelineEvent& e);

    std::vector<TimelineEvent> events_;
    uint64_t dropped_ = 0;
    // Positions whose events are in the log: modes seen at events up to
    // modes_done_, effects of the instructions at positions below effects_done_.
    uint64_t modes_done_ = 0, effects_done_ = 0;
};

// A forward run: the debugger's own Watcher decides where it stops
// (breakpoints, the goal of step); this rule also feeds the log and stops
// after `budget` events, so that a long run comes back to the page.
class RecordingRule : public debug::StopRule {
public:
    RecordingRule(debug::Watcher& watcher, EventLog& log, const debug::Timeline& timeline, uint64_t budget)
        : watcher_(watcher), log_(log), timeline_(timeline), budget_(budget) {}
    bool at_event(const debug::Event& e) override;
    void register_written(int vm, int reg, uint32_t old_value, uint32_t new_value) override {
        watcher_.register_written(vm, reg, old_value, new_value);
    }
    void memory_written(int vm, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) override {
        watcher_.memory_written(vm, physical, size, old_value, new_value);
    }
    void retired(int vm, uint32_t pc, uint32_t word) override { watcher_.retired(vm, pc, word); }
    void trapped(int vm, const Trap& trap, uint32_t epc) override;
    void exited(int vm, const vmm::ExitEvent& exit) override;
    bool budget_spent() const { return spent_; }

private:
    debug::Watcher& watcher_;
    EventLog& log_;
    const debug::Timeline& timeline_;
    uint64_t budget_;
    uint64_t events_ = 0;
    bool spent_ = false;
};

// The console as the page shows it: every byte the guest wrote, once, in
// order (a replay writes nothing new); the console at a position is the
// first Console::bytes_written bytes. The debugger's ConsoleTap does the
// counting; its line-by-line text goes nowhere. The tape keeps the first
// 16 MiB (trapvm run's --max-output default); the page shows the last
// 64 KiB of what the console holds at the position shown.
class ConsoleTape : public debug::ConsoleTap {
public:
    ConsoleTape() : ConsoleTap("", discard_) {}  // discard_ is only stored by ConsoleTap, not used yet
    void put(char byte) override {
        uint64_t before = printed();
        ConsoleTap::put(byte);
        if (printed() > before && text_.size() < pg32::kMaxOutputDefault) text_ += byte;
    }
    void flush() override {}
    const std::string& text() const { return text_; }

private:
    std::ostream discard_{nullptr};  // no buffer: writes are dropped
    std::string text_;
};

}  // namespace trapvm::web
