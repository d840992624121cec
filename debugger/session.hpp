// A debugging session: the world being debugged, its timeline with
// checkpoints, the breakpoints, and the command interpreter around them.
//
//   Session s(std::move(setup));
//   s.execute("break loop");  s.execute("continue");  s.execute("rs 3");
//
// Everything the session prints goes to one stream, in order: the
// debugger's lines, and the guest's console lines prefixed with "| " (or
// "vm1| " under the monitor). Nothing printed depends on the host: no host
// addresses, no timing, so scripted sessions give stable output.
#pragma once

#include "debugger/breakpoints.hpp"
#include "debugger/console_tap.hpp"
#include "debugger/locations.hpp"
#include "debugger/timeline.hpp"
#include "debugger/watcher.hpp"
#include "image/image.hpp"

#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace trapvm::debug {

struct SessionSetup {
    std::vector<Image> images;                      // one per VM (one on the bare machine)
    std::unique_ptr<World> world;                   // loaded and reset; consoles wired to taps
    std::vector<std::unique_ptr<ConsoleTap>> taps;  // one per VM
    // Each VM's step limit, as the world was built with it (make_bare_world,
    // MonitorConfig::max_steps): for the messages about it.
    uint64_t max_steps = UINT64_MAX;
    CheckpointPolicy checkpoints;
};

class Session {
public:
    Session(SessionSetup setup, std::ostream& out);

    // Runs one command line. False once the user asked to quit.
    bool execute(const std::string& line);
    // Did any command fail (a bad command, a location that does not exist)?
    bool any_failed() const { return any_failed_; }

    // ---- for the commands
    std::ostream& out() { return out_; }
    // One line "error: ..." and the command counts as failed.
    void error(const std::string& message);
    const World& world() const { return timeline_.world(); }
    Timeline& timeline() { return timeline_; }
    Breakpoints& breakpoints() { return breakpoints_; }
    int vm_count() const { return world().vm_count(); }
    uint64_t max_steps() const { return max_steps_; }
    bool under_monitor() const { return world().monitor() != nullptr; }
    // The VM the displays and step commands refer to.
    int vm() const { return vm_; }
    void select_vm(int vm) { vm_ = vm; }
    const Image& image(int vm) const { return images_[static_cast<size_t>(vm)]; }
    const Symbols& symbols(int vm) const { return symbols_[static_cast<size_t>(vm)]; }
    // Resolves a location in a VM; prints an error when there is none.
    std::optional<uint32_t> locate(const std::string& text, int vm);
    Location try_locate(const std::string& text, int vm) const;
    std::optional<uint32_t> locate(const std::string& text) { return locate(text, vm_); }
    // "0x00000014 <loop+4>": a pc of vm, with its label when it has one.
    std::string describe_pc(int vm, uint32_t pc) const;
    std::string vm_name(int vm) const { return "vm" + std::to_string(vm); }
    // The selected VM's step here (trace/FORMAT.md, "Step numbers").
    uint64_t step() const { return timeline_.step(vm_); }
    // "step 42", under the monitor "vm1 step 42": for messages.
    std::string step_text(int vm, uint64_t step) const;
    // "halted at 0x00000040 <done>", "powered off with status 7", ...
    std::string describe_stop(int vm) const;

    // ---- moving: each prints where it stopped
    // What a forward run did, for report().
    struct Run {
        Watcher::Why why = Watcher::Why::None;
        std::vector<std::string> hits, notes;
        std::vector<bool> was_running;  // each VM, before the run
    };
    // Forward until the goal (null: none), a breakpoint, the limit or the end.
    // Goals are about the selected VM.
    Run advance(std::unique_ptr<Goal> goal);
    // Prints what stopped the run (and with show_notes the traps and exits
    // passed), then where it is.
    void report(const Run& run, bool show_notes);
    void run_forward(std::unique_ptr<Goal> goal, bool show_notes) { report(advance(std::move(goal)), show_notes); }
    // To a position, back or forward, ignoring breakpoints (the timeline's
    // own numbering: for reverse-step and reverse-continue).
    void go_to(uint64_t position);
    // To VM vm's step `step`, back or forward, ignoring breakpoints.
    void go_to_step(int vm, uint64_t step);
    // The latest `count` positions before `before` at which `accept` holds
    // (hits: what breakpoints say there), latest first. Leaves the timeline anywhere.
    using Accept = std::function<bool(const Event& event, const std::vector<std::string>& hits)>;
    std::vector<uint64_t> find_back(uint64_t before, size_t count, const Accept& accept);
    // "=> step 42  system  0x00000014 <loop+4>  addi t0, t0, 1  [prog.s:14]", or the end.
    void print_location();
    void flush_console();

private:
    void print_end();

    std::ostream& out_;
    std::vector<Image> images_;
    std::vector<Symbols> symbols_;
    std::vector<std::unique_ptr<ConsoleTap>> taps_;
    Timeline timeline_;
    Breakpoints breakpoints_;
    uint64_t max_steps_;
    int vm_ = 0;
    bool any_failed_ = false;
};

}  // namespace trapvm::debug
