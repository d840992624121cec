// trapvm run PROGRAM: run a program on the bare PG32 machine.
#include "tools/commands.hpp"
#include "tools/hints.hpp"
#include "tools/outcome.hpp"
#include "tools/program.hpp"
#include "tools/run_support.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace trapvm::cli {

namespace {

// Runs until the machine stops (the console stops it at the `out` that
// crosses the output limit), the step limit, the hooks' request, or Ctrl-C;
// in slices, so that Ctrl-C is noticed within milliseconds (slices are
// smaller while observed, which is slower). An observer that breaks has
// seen all it wants.
bool run_to_end(Machine& machine, uint64_t max_steps, RunHooks* hooks, Observer* observer) {
    constexpr uint64_t kSlice = 1u << 20;
    while (!machine.stopped() && !interrupted() && !(hooks && hooks->stop_requested())) {
        uint64_t done = machine.steps();
        if (done >= max_steps) return true;
        uint64_t slice = std::min(observer ? kSlice / 64 : kSlice, max_steps - done);
        if (!observer) machine.run(slice);
        else if (machine.run(slice, *observer).kind == RunResult::Kind::Break) observer = nullptr;
    }
    return false;
}

int run_bare(const Usage& usage, const po::variables_map& vars, const RunLimits& limits, RunHooks* hooks) {
    const std::string& command = usage.command;
    std::optional<AssembleOptions> assemble = assemble_options(usage, vars);
    if (!assemble) return kExitUsage;
    int status = kExitOk;
    std::optional<Image> image =
        load_program(command, vars["program"].as<std::vector<std::string>>()[0], *assemble, &status);
    if (!image) return status;
    Machine machine(MachineConfig{limits.memory_size});
    std::string error;
    if (!install(machine, *image, &error)) return fail(command, error, kExitBadInput);
    StreamSink console(hooks ? hooks->console() : stdout);
    OutputBudget output{limits.max_output};
    machine.devices().console.sink = &console;
    machine.devices().console.budget = &output;
    machine.devices().console.input = open_input(command, vars);
    if (!machine.devices().console.input) return kExitNoInput;

    catch_interrupts();
    bool limit_reached =
        run_to_end(machine, limits.max_steps, hooks, hooks ? &hooks->observe(machine, *image) : nullptr);
    console.flush();
    Outcome outcome = outcome_of(machine, limit_reached);
    if (hooks && hooks->stop_requested() && !machine.stopped()) outcome = trace_limit(outcome);
    outcome = final_outcome(outcome, &console);
    if (hooks) hooks->ended(-1, outcome, machine.steps());
    bool quiet = vars.count("quiet");
    if (!quiet) warn_unknown_ports("trapvm " + command + ": ", machine.unknown_ports());
    std::string message = describe(outcome, &*image, machine.steps());
    nlohmann::ordered_json state = machine_state(machine);  // before a hint may run the machine on
    state["stop"] = to_json(outcome);
    std::string hint = quiet || message.empty() ? "" : hint_after(machine, outcome, *image);
    if (!quiet && !message.empty()) std::cerr << "trapvm " << command << ": " << message << "\n";
    if (!hint.empty()) std::cerr << "trapvm " << command << ": hint: " << hint << "\n";
    if (vars.count("state-json") && !write_json(command, vars["state-json"].as<std::string>(), state))
        return kExitCannotWrite;
    return exit_status(outcome);
}

}  // namespace

int run_program(const Usage& usage, const po::variables_map& vars, const RunLimits& limits, RunHooks* hooks) {
    if (vars.count("vmm")) return run_under_monitor(usage, vars, limits, hooks);
    if (vars["program"].as<std::vector<std::string>>().size() > 1)
        return usage_error(usage, "several programs need --vmm (one VM each)");
    if (vars.count("stats")) return usage_error(usage, "--stats counts monitor exits: it needs --vmm");
    if (vars.count("quantum")) return usage_error(usage, "--quantum is the monitor's time slice: it needs --vmm");
    return run_bare(usage, vars, limits, hooks);
}

int run_command(Usage& usage, const Args& args, bool always_trace) {
    usage.arguments.add_options()("program", po::value<std::vector<std::string>>(), "the program(s)");
    usage.positional.add("program", -1);
    add_run_options(usage);
    add_monitor_options(usage);
    add_trace_options(usage, !always_trace);
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    if (!vars.count("program")) return usage_error(usage, "no PROGRAM given");
    std::optional<RunLimits> limits = read_limits(usage, vars);
    if (!limits) return kExitUsage;
    if (always_trace || trace_requested(vars)) return run_traced(usage, vars, *limits);
    return run_program(usage, vars, *limits, nullptr);
}

int cmd_run(const Args& args) {
    Usage usage{"run", "PROGRAM [OPTIONS]  |  --vmm[=KIND] PROGRAM... [OPTIONS]",
                "Runs PROGRAM (a .s file, assembled on the fly, or an image from 'trapvm asm') on the PG32 "
                "machine,\nor with --vmm each PROGRAM in its own virtual machine under the monitor (--vmm=hybrid: "
                "the hybrid monitor).\nThe console is stdout; exit status: 0 after halt, the guest's status after "
                "power-off,\n123 output limit, 124 step limit, 125 unhandled trap, 126 deadlock, 65 bad program, 66 "
                "unreadable file.\nWith --trace it also writes a trace, as 'trapvm trace' does (see its --help; 122: "
                "the trace is full)."};
    return run_command(usage, args, false);
}

}  // namespace trapvm::cli
