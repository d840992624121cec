// The session: moving along the timeline and reporting where it stopped.
#include "debugger/session.hpp"

#include "debugger/commands.hpp"

namespace trapvm::debug {

namespace {

// 1000, 100M, 1G: as the count options take it (decimal suffixes).
std::string count_text(uint64_t n) {
    if (n >= 1'000'000'000 && n % 1'000'000'000 == 0) return std::to_string(n / 1'000'000'000) + "G";
    if (n >= 1'000'000 && n % 1'000'000 == 0) return std::to_string(n / 1'000'000) + "M";
    return std::to_string(n);
}

std::vector<ConsoleTap*> raw(const std::vector<std::unique_ptr<ConsoleTap>>& taps) {
    std::vector<ConsoleTap*> list;
    for (const auto& t : taps) list.push_back(t.get());
    return list;
}

}  // namespace

Session::Session(SessionSetup setup, std::ostream& out)
    : out_(out),
      images_(std::move(setup.images)),
      taps_(std::move(setup.taps)),
      timeline_(std::move(setup.world), raw(taps_), setup.checkpoints),
      max_steps_(setup.max_steps) {
    for (size_t vm = 0; vm < images_.size(); ++vm)
        symbols_.emplace_back(&images_[vm], &timeline_.world(), static_cast<int>(vm));
}

bool Session::execute(const std::string& line) { return run_command_line(*this, line); }

void Session::error(const std::string& message) {
    flush_console();
    out_ << "error: " << message << "\n";
    any_failed_ = true;
}

Location Session::try_locate(const std::string& text, int vm) const {
    CpuView cpu = world().cpu(vm);
    LocationContext context;
    context.image = &image(vm);
    context.reg = [cpu](int reg) { return reg < 0 ? cpu.pc : cpu.regs[reg]; };
    context.physical = [this, vm](uint32_t address) { return world().physical(vm, address, 1); };
    context.user_physical = [cpu](uint32_t user) -> std::optional<uint32_t> {
        if (user >= cpu.priv.rbound) return std::nullopt;
        return cpu.priv.rbase + user;
    };
    context.running = symbols(vm).running();
    return resolve_location(text, context);
}

std::optional<uint32_t> Session::locate(const std::string& text, int vm) {
    Location where = try_locate(text, vm);
    if (!where.address && !where.user.empty())
        where.error = describe_user(text, where.user) +
                      " is a user address: it has a physical address only while its program is the one at R "
                      "(rbase " +
                      hex32(symbols(vm).running().rbase) + " holds " +
                      (symbols(vm).running().program ? printable(symbols(vm).running().program->name) : "none") +
                      "); 'break " + text + "' stops there in any region";
    if (!where.address) {
        error(where.error);
        return std::nullopt;
    }
    if (!where.line_moved.empty()) out_ << "(no code at " << text << "; using " << where.line_moved << ")\n";
    return where.address;
}

std::string Session::describe_pc(int vm, uint32_t pc) const {
    std::string text = hex32(pc);
    std::optional<uint32_t> physical = world().physical(vm, pc, 4);
    if (!physical) return text + " (outside R)";
    if (*physical != pc) text += " (phys " + hex32(*physical) + ")";
    std::string label = symbols(vm).label(*physical);
    return label.empty() ? text : text + " <" + label + ">";
}

void Session::flush_console() {
    for (auto& tap : taps_) tap->flush();
}

Session::Run Session::advance(std::unique_ptr<Goal> goal) {
    Run run;
    for (int i = 0; i < vm_count(); ++i) run.was_running.push_back(world().running(i));
    if (goal && vm_ != timeline_.current_vm()) goal = after_parked(vm_, std::move(goal));
    WatchOptions options;
    options.goal = goal.get();
    Watcher watcher(timeline_, breakpoints_, symbols_, options);
    timeline_.run(watcher);
    vm_ = timeline_.current_vm();
    run.why = watcher.why();
    run.hits = watcher.hits();
    run.notes = watcher.notes();
    return run;
}

void Session::report(const Run& run, bool show_notes) {
    flush_console();
    if (show_notes)
        for (const std::string& n : run.notes) out_ << "  -- " << n << "\n";
    for (const std::string& h : run.hits) out_ << h << "\n";
    if (run.why == Watcher::Why::Interrupted) out_ << "Interrupted.\n";
    if (!timeline_.at_end())
        for (int i = 0; i < vm_count(); ++i)
            if (run.was_running[static_cast<size_t>(i)] && !world().running(i))
                out_ << vm_name(i) << " " << describe_stop(i) << "\n";
    print_location();
}

void Session::go_to(uint64_t position) {
    timeline_.travel_to(position);
    vm_ = timeline_.current_vm();
    flush_console();
    print_location();
}

void Session::go_to_step(int vm, uint64_t step) {
    timeline_.travel_to_step(vm, step);
    vm_ = timeline_.at_end() || !world().running(vm) ? vm : timeline_.current_vm();
    flush_console();
    print_location();
}

std::vector<uint64_t> Session::find_back(uint64_t before, size_t count, const Accept& accept) {
    std::vector<uint64_t> found;
    uint64_t last = before;  // events to look at next: (checkpoint, last)
    while (last > 1 && found.size() < count) {
        uint64_t from = timeline_.restore(last - 2);  // at or before last-2, so that last-1 is a new event
        std::vector<uint64_t> batch;
        WatchOptions options;
        options.limit = last - 1;
        options.record = [&](const Event& e, const std::vector<std::string>& hits) {
            if (e.position < last && accept(e, hits)) batch.push_back(e.position);
        };
        Watcher watcher(timeline_, breakpoints_, symbols_, options);
        timeline_.run(watcher);
        for (auto p = batch.rbegin(); p != batch.rend() && found.size() < count; ++p) found.push_back(*p);
        last = from + 1;
    }
    if (found.size() < count && before > 0) {  // event 0, where the run starts, never hits a breakpoint
        timeline_.restore(0);
        CpuView cpu = world().cpu(0);
        if (accept(Event{0, cpu.pc, 0, 0, world().system_mode(0), false}, {})) found.push_back(0);
    }
    return found;
}

void Session::print_location() {
    if (timeline_.at_end()) return print_end();
    int vm = vm_;
    CpuView cpu = world().cpu(vm);
    out_ << "=> step " << timeline_.step(vm);
    if (under_monitor()) out_ << "  " << vm_name(vm);
    if (!cpu.running) {
        out_ << "  " << describe_stop(vm) << "\n";
        return;
    }
    out_ << "  " << (world().system_mode(vm) ? "system" : "user") << "  " << describe_pc(vm, cpu.pc);
    std::optional<uint32_t> physical = world().physical(vm, cpu.pc, 4);
    std::optional<uint32_t> word = physical ? world().read(vm, *physical, 4) : std::nullopt;
    if (word) out_ << "  " << symbols(vm).disassemble(*word, *physical, cpu.pc);
    std::string line = physical ? symbols(vm).line(*physical) : "";
    if (!line.empty()) out_ << "  [" << line << "]";
    out_ << "\n";
}

void Session::print_end() {
    if (!under_monitor()) {
        out_ << "=> end of the run at step " << timeline_.step(0) << "\n   " << describe_stop(0) << "\n";
        return;
    }
    out_ << "=> end of the run\n";
    for (int vm = 0; vm < vm_count(); ++vm)
        out_ << "   " << vm_name(vm) << " at step " << timeline_.step(vm) << ": " << describe_stop(vm) << "\n";
}

std::string Session::step_text(int vm, uint64_t step) const {
    return (under_monitor() ? vm_name(vm) + " step " : "step ") + std::to_string(step);
}

std::string Session::describe_stop(int vm) const {
    CpuView cpu = world().cpu(vm);
    auto at = [&](uint32_t pc) {
        std::string label = symbols(vm).label(pc);
        return hex32(pc) + (label.empty() ? "" : " <" + label + ">");
    };
    const Stop& s = cpu.stop;
    switch (s.reason) {
    case StopReason::Running:
        if (cpu.running) return "is running";
        return "stopped at the step limit (--max-steps " + count_text(max_steps_) + "); to run longer, " +
               (max_steps_ <= UINT64_MAX / 10 ? "raise it (--max-steps " + count_text(max_steps_ * 10) + ") or " : "") +
               "lift it (--max-steps none)";
    case StopReason::Halt: return "halted at " + at(s.pc);
    case StopReason::PowerOff: return "powered off with status " + std::to_string(s.status);
    case StopReason::UnhandledTrap:
        return "stopped: trap " + pg32::cause_name(static_cast<uint32_t>(s.trap.cause)) + " at " + at(s.pc) +
               " with no handler (tvec = 0)";
    case StopReason::Deadlock: return "stopped: wfi at " + at(s.pc) + " and no interrupt can ever come (deadlock)";
    case StopReason::OutputLimit: return "stopped at " + at(s.pc) + ": the console output reached its limit";
    case StopReason::OutputFailed: return "stopped at " + at(s.pc) + ": the console output could not be written";
    case StopReason::Interrupted: return "interrupted at " + at(s.pc) + " while waiting for console input";
    case StopReason::InternalError: return "stopped: " + s.message;
    }
    return "stopped";
}

}  // namespace trapvm::debug
