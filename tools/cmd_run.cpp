// trapvm run PROGRAM: run a program on the bare PG32 machine.
#include "tools/commands.hpp"
#include "tools/outcome.hpp"
#include "tools/program.hpp"
#include "tools/run_support.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace trapvm::cli {

namespace {

// Runs until the machine stops, the step limit, the output limit, or
// Ctrl-C; in slices, so that Ctrl-C and the output limit are noticed
// within milliseconds (output past the limit is dropped meanwhile).
bool run_to_end(Machine& machine, uint64_t max_steps, const OutputBudget& output) {
    constexpr uint64_t kSlice = 1u << 20;
    while (!machine.stopped() && !interrupted() && !output.exceeded) {
        uint64_t done = machine.steps();
        if (done >= max_steps) return true;
        machine.run(std::min(kSlice, max_steps - done));
    }
    return false;
}

}  // namespace

int cmd_run(const Args& args) {
    Usage usage{"run", "PROGRAM [OPTIONS]  |  --vmm PROGRAM... [OPTIONS]",
                "Runs PROGRAM (a .s file, assembled on the fly, or an image from 'trapvm asm') on the PG32 "
                "machine,\nor with --vmm each PROGRAM in its own virtual machine under the trap-and-emulate "
                "monitor.\nThe console is stdout; exit status: 0 after halt, the guest's status after "
                "power-off,\n124 step limit, 123 output limit, 125 unhandled trap, 126 wfi deadlock, 65 bad program, 66 "
                "unreadable file."};
    usage.arguments.add_options()("program", po::value<std::vector<std::string>>(), "the program(s)");
    usage.positional.add("program", -1);
    add_run_options(usage);
    add_monitor_options(usage);
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    if (!vars.count("program")) return usage_error(usage, "no PROGRAM given");
    std::optional<RunLimits> limits = read_limits(usage, vars);
    if (!limits) return kExitUsage;
    const auto& programs = vars["program"].as<std::vector<std::string>>();
    if (vars.count("vmm")) return run_under_monitor(usage, vars, *limits);
    if (programs.size() > 1) return usage_error(usage, "several programs need --vmm (one VM each)");
    if (vars.count("stats")) return usage_error(usage, "--stats counts monitor exits: it needs --vmm");

    std::optional<AssembleOptions> assemble = assemble_options(usage, vars);
    if (!assemble) return kExitUsage;
    int status = kExitOk;
    std::optional<Image> image = load_program("run", programs[0], *assemble, &status);
    if (!image) return status;
    Machine machine(MachineConfig{limits->memory_size});
    std::string error;
    if (!install(machine, *image, &error)) return fail("run", error, kExitBadInput);
    StreamSink stream(stdout);
    OutputBudget output{limits->max_output};
    LimitedSink console(stream, output);
    machine.devices().console.sink = &console;
    machine.devices().console.input = open_input("run", vars);
    if (!machine.devices().console.input) return kExitNoInput;

    catch_interrupts();
    bool limit_reached = run_to_end(machine, limits->max_steps, output);
    console.flush();
    Outcome outcome = outcome_of(machine, limit_reached);
    if (output.exceeded && !machine.stopped()) outcome = output_limit(machine.pc());
    bool quiet = vars.count("quiet");
    if (!quiet) warn_unknown_ports("trapvm run: ", machine.unknown_ports());
    std::string message = describe(outcome, &*image, machine.steps());
    if (!quiet && !message.empty()) std::cerr << "trapvm run: " << message << "\n";
    if (vars.count("state-json")) {
        nlohmann::ordered_json state = machine_state(machine);
        state["stop"] = to_json(outcome);
        if (!write_json("run", vars["state-json"].as<std::string>(), state)) return kExitCannotWrite;
    }
    return exit_status(outcome);
}

}  // namespace trapvm::cli
