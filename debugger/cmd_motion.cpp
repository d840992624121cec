// Moving: step, next, finish, continue, until, and back: reverse-step,
// reverse-continue, goto.
#include "debugger/handlers.hpp"

#include "isa-spec/isa.hpp"

namespace trapvm::debug {

namespace {

constexpr int kSp = 2, kA0 = 3;

// Can the run go forward from here? Prints why not.
bool can_run(Session& s) {
    if (s.timeline().at_end()) {
        s.error("the run has ended (" + s.step_text(s.vm(), s.step()) +
                "); go back with reverse-step, reverse-continue or goto");
        return false;
    }
    if (!s.world().running(s.vm())) {
        s.error(s.vm_name(s.vm()) + " has stopped; pick a running VM with 'vm N'");
        return false;
    }
    return true;
}

// "vm1:500" -> VM 1, "500" -> the selected VM; nothing after an error.
std::optional<int> goto_vm(Session& s, std::string& text) {
    size_t colon = text.find(':');
    if (colon == std::string::npos) return s.vm();
    std::string name = text.substr(0, colon);
    std::optional<uint64_t> n = name.starts_with("vm") ? parse_number(name.substr(2)) : std::nullopt;
    if (!n || *n >= static_cast<uint64_t>(s.vm_count())) {
        s.error("no VM '" + name + "' (goto vmK:STEP with K from 0 to " + std::to_string(s.vm_count() - 1) + ")");
        return std::nullopt;
    }
    text = text.substr(colon + 1);
    return static_cast<int>(*n);
}

// The instruction word at the selected VM's pc, or 0.
uint32_t word_at_pc(const Session& s) {
    CpuView cpu = s.world().cpu(s.vm());
    std::optional<uint32_t> physical = s.world().physical(s.vm(), cpu.pc, 4);
    return physical ? s.world().read(s.vm(), *physical, 4).value_or(0) : 0;
}

// One `next`: over a call, else one step.
Session::Run next_once(Session& s) {
    int vm = s.vm();
    CpuView cpu = s.world().cpu(vm);
    if (is_call(word_at_pc(s))) return s.advance(return_goal(vm, cpu.pc + 4, cpu.regs[kSp], s.world().system_mode(vm)));
    return s.advance(step_goal(vm, 1));
}

}  // namespace

std::optional<uint64_t> count_arg(Session& s, const Args& args, size_t index, uint64_t fallback) {
    if (args.size() <= index) return fallback;
    std::optional<uint64_t> n = parse_number(args[index]);
    if (!n || *n == 0) {
        s.error("'" + args[index] + "' is not a count (expected a number from 1)");
        return std::nullopt;
    }
    return n;
}

bool no_more_args(Session& s, const Args& args, size_t allowed) {
    if (args.size() <= allowed) return true;
    s.error("unexpected '" + args[allowed] + "' (see 'help')");
    return false;
}

void cmd_step(Session& s, const Args& args) {
    std::optional<uint64_t> n = count_arg(s, args, 0, 1);
    if (!n || !no_more_args(s, args, 1) || !can_run(s)) return;
    s.run_forward(step_goal(s.vm(), *n), *n <= 16);
}

void cmd_next(Session& s, const Args& args) {
    std::optional<uint64_t> n = count_arg(s, args, 0, 1);
    if (!n || !no_more_args(s, args, 1) || !can_run(s)) return;
    Session::Run run = next_once(s);
    for (uint64_t i = 1; i < *n && run.why == Watcher::Why::Goal && !s.timeline().at_end() && s.world().running(s.vm());
         ++i) {
        Session::Run more = next_once(s);
        run.why = more.why;
        run.hits = more.hits;
        run.notes.insert(run.notes.end(), more.notes.begin(), more.notes.end());
    }
    s.report(run, false);
}

void cmd_finish(Session& s, const Args& args) {
    if (!no_more_args(s, args, 0) || !can_run(s)) return;
    int vm = s.vm();
    s.out() << "Run till exit from " << s.describe_pc(vm, s.world().cpu(vm).pc) << "\n";
    Session::Run run = s.advance(finish_goal(vm));
    s.report(run, false);
    if (run.why == Watcher::Why::Goal && s.world().running(vm))
        s.out() << "Value returned: a0 = " << hex32(s.world().cpu(vm).regs[kA0]) << "\n";
}

void cmd_continue(Session& s, const Args& args) {
    if (!no_more_args(s, args, 0) || !can_run(s)) return;
    s.run_forward(nullptr, false);
}

void cmd_until(Session& s, const Args& args) {
    if (args.empty()) return s.error("until where? (until LOCATION: a label, an address or FILE:LINE)");
    if (!no_more_args(s, args, 1) || !can_run(s)) return;
    std::optional<uint32_t> physical = s.locate(args[0]);
    if (!physical) return;
    s.run_forward(until_goal(s.vm(), *physical), false);
}

void cmd_reverse_step(Session& s, const Args& args) {
    std::optional<uint64_t> n = count_arg(s, args, 0, 1);
    if (!n || !no_more_args(s, args, 1)) return;
    uint64_t here = s.timeline().position();  // the timeline's own numbering: step is its exact inverse
    if (here == 0) return s.error("already at the start of the run (step 0)");
    uint64_t target = here >= *n ? here - *n : 0;
    if (s.vm_count() > 1) {  // N instructions of this VM: find them among all VMs' events
        int vm = s.vm();
        std::vector<uint64_t> found =
            s.find_back(here, *n, [vm](const Event& e, const std::vector<std::string>&) { return e.vm == vm; });
        if (found.empty()) {
            s.timeline().travel_to(here);
            return s.error(s.vm_name(vm) + " has run no instruction before its step " + std::to_string(s.step()));
        }
        target = found.back();
        if (found.size() < *n) s.out() << "(" << s.vm_name(vm) << " ran only " << found.size() << " before)\n";
    } else if (*n > here) {
        s.out() << "(reached the start of the run)\n";
    }
    s.go_to(target);
}

void cmd_reverse_continue(Session& s, const Args& args) {
    if (!no_more_args(s, args, 0)) return;
    uint64_t here = s.timeline().position();
    if (here == 0) return s.error("already at the start of the run (step 0)");
    std::string from = s.step_text(s.vm(), s.step());
    std::vector<std::string> messages;
    std::vector<uint64_t> found = s.find_back(here, 1, [&](const Event&, const std::vector<std::string>& hits) {
        if (hits.empty()) return false;
        messages = hits;  // the scan goes forward: the last one kept is the latest hit
        return true;
    });
    if (found.empty()) {
        s.out() << "No breakpoint or watchpoint was hit before " << from << "; back at the start.\n";
        return s.go_to(0);
    }
    s.flush_console();
    for (const std::string& m : messages) s.out() << m << "\n";
    s.go_to(found[0]);
}

void cmd_goto(Session& s, const Args& args) {
    if (args.empty())
        return s.error("goto which step? (goto STEP, or goto vmK:STEP for VM K; 'info steps' shows where the run is)");
    if (!no_more_args(s, args, 1)) return;
    std::string text = args[0];
    std::optional<int> vm = goto_vm(s, text);
    if (!vm) return;
    std::optional<uint64_t> step = parse_number(text);
    if (!step) return s.error("'" + args[0] + "' is not a step number (goto STEP or goto vmK:STEP)");
    if (*step > s.max_steps())
        return s.error("step " + text + " is past the step limit (--max-steps " + std::to_string(s.max_steps()) + ")");
    s.go_to_step(*vm, *step);
    uint64_t reached = s.timeline().step(*vm);
    if (reached >= *step) return;
    if (s.timeline().at_end()) s.out() << "(the run ends at " << s.step_text(*vm, reached) << ")\n";
    else s.out() << "(" << s.vm_name(*vm) << " stopped at its step " << reached << ")\n";
}

}  // namespace trapvm::debug
