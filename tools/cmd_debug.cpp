// trapvm debug PROGRAM [--vmm [PROGRAM...]]: the debugger (see debugger/).
//
// Interactive at a terminal; with --script FILE it runs the commands of FILE
// and prints a transcript (for tests, labs and graders). Console input of the
// guest comes from --input FILE only: stdin is the debugger's own input
// (except with --script, where --input - reads the guest's input from stdin).
#include "debugger/repl.hpp"
#include "debugger/session.hpp"
#include "tools/commands.hpp"
#include "tools/outcome.hpp"
#include "tools/program.hpp"
#include "tools/run_support.hpp"
#include "vmm/monitor.hpp"
#include "vmm/technique.hpp"

#include <unistd.h>

#include <iostream>
#include <sstream>

namespace trapvm::cli {

namespace {

struct DebugOptions {
    std::vector<std::string> programs;
    uint32_t memory_size = 1u << 20;
    uint32_t quantum = 20000;
    uint64_t max_steps = kDefaultMaxSteps;
    bool vmm = false;
    vmm::Technique technique = vmm::Technique::TrapAndEmulate;
};

std::optional<DebugOptions> read_options(const Usage& usage, const po::variables_map& vars) {
    DebugOptions o;
    o.programs = vars["program"].as<std::vector<std::string>>();
    o.vmm = vars.count("vmm");
    if (o.vmm) {
        std::optional<vmm::Technique> technique = read_technique(usage, vars);
        if (!technique) return std::nullopt;
        o.technique = *technique;
    }
    if (o.programs.size() > 1 && !o.vmm) {
        usage_error(usage, "several programs need --vmm (one VM each)");
        return std::nullopt;
    }
    std::optional<uint32_t> size = read_memory_size(usage, vars, o.memory_size);
    if (!size) return std::nullopt;
    o.memory_size = *size;
    if (vars.count("quantum") && !o.vmm) {
        usage_error(usage, "--quantum is the monitor's time slice: it needs --vmm");
        return std::nullopt;
    }
    std::optional<uint64_t> quantum =
        read_count(usage, vars, "quantum", o.quantum, "a number of instructions from 1", 1, UINT32_MAX);
    if (!quantum) return std::nullopt;
    o.quantum = static_cast<uint32_t>(*quantum);
    std::optional<uint64_t> steps = read_max_steps(usage, vars, 1);
    if (!steps) return std::nullopt;
    o.max_steps = *steps;
    if (o.vmm && uint64_t{o.memory_size} * o.programs.size() > kMaxMemorySize) {
        usage_error(usage, "the VMs need more than 256M of memory together (see --mem-size)");
        return std::nullopt;
    }
    return o;
}

// The guest's console input: --input FILE, or with --script, --input - for stdin.
std::shared_ptr<InputStream> guest_input(const Usage& usage, const po::variables_map& vars, int* status) {
    if (!vars.count("input")) return InputStream::none();
    std::string path = vars["input"].as<std::string>();
    if (path == "-") {
        if (vars.count("script")) return InputStream::from_fd(STDIN_FILENO);
        *status = usage_error(usage, "--input -: stdin is the debugger's command input (use a file, or --script)");
        return nullptr;
    }
    std::string error;
    std::optional<std::string> bytes = read_file(path, &error);
    if (!bytes) {
        *status = fail("debug", "--input: " + error, kExitNoInput);
        return nullptr;
    }
    return InputStream::from_bytes(std::move(*bytes));
}

// Builds the world: the bare machine, or the monitor with one VM per program.
std::optional<debug::SessionSetup> make_setup(const DebugOptions& o, std::vector<Image> images,
                                              std::shared_ptr<InputStream> input, int* status) {
    debug::SessionSetup setup;
    setup.max_steps = o.max_steps;
    for (size_t i = 0; i < images.size(); ++i)
        setup.taps.push_back(
            std::make_unique<debug::ConsoleTap>(o.vmm ? "vm" + std::to_string(i) + "| " : "| ", std::cout));
    if (!o.vmm) {
        Machine machine(MachineConfig{o.memory_size});
        std::string error;
        if (!install(machine, images[0], &error)) return *status = fail("debug", error, kExitBadInput), std::nullopt;
        machine.devices().console.sink = setup.taps[0].get();
        machine.devices().console.input = input;
        setup.world = debug::make_bare_world(std::move(machine), o.max_steps);
    } else {
        vmm::Monitor monitor({o.memory_size, o.quantum, o.max_steps, o.technique}, static_cast<int>(images.size()));
        for (size_t i = 0; i < images.size(); ++i) {
            vmm::Vm& vm = monitor.vms()[i];
            vm.cpu.devices.console.sink = setup.taps[i].get();
            vm.cpu.devices.console.input = input;
            for (const Segment& s : images[i].segments)
                if (!monitor.load(static_cast<int>(i), s.address, s.bytes))
                    return *status = fail("debug", o.programs[i] + " does not fit in its VM's memory (try --mem-size)",
                                          kExitBadInput),
                           std::nullopt;
            monitor.reset(static_cast<int>(i), images[i].entry);
        }
        setup.world = debug::make_monitor_world(std::move(monitor));
    }
    setup.images = std::move(images);
    return setup;
}

}  // namespace

int cmd_debug(const Args& args) {
    Usage usage{"debug", "PROGRAM [OPTIONS]  |  --vmm[=KIND] PROGRAM... [OPTIONS]",
                "Debugs PROGRAM (a .s file or an image) on the PG32 machine, or with --vmm each PROGRAM in\n"
                "its own VM under the monitor, seeing guest and monitor. Steps forward and back (by replay),\n"
                "breakpoints on code, traps, mode changes and monitor exits, watchpoints. Type 'help' inside.\n"
                "With --script FILE it runs FILE's commands and prints a transcript; exit status 1 when a\n"
                "command failed."};
    usage.arguments.add_options()("program", po::value<std::vector<std::string>>(), "the program(s)");
    add_vmm_option(usage, "run each PROGRAM in its own virtual machine under the monitor");
    usage.options.add_options()  //
        ("script", po::value<std::string>(), "run the commands in FILE (one a line, # comments), then stop");
    add_quantum_option(usage);
    add_input_option(usage, "the guest's console input from FILE (none by default; with --script, '-' for stdin)");
    add_mem_size_option(usage);
    add_max_steps_option(usage);
    add_assembler_options(usage);
    usage.positional.add("program", -1);
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    if (!vars.count("program")) return usage_error(usage, "no PROGRAM given");
    std::optional<DebugOptions> options = read_options(usage, vars);
    if (!options) return kExitUsage;

    int status = kExitOk;
    std::optional<std::string> script;
    if (vars.count("script")) {
        std::string error;
        script = read_file(vars["script"].as<std::string>(), &error);
        if (!script) return fail("debug", "--script: " + error, kExitNoInput);
    }
    std::shared_ptr<InputStream> input = guest_input(usage, vars, &status);
    if (!input) return status;
    std::optional<AssembleOptions> assemble = assemble_options(usage, vars);
    if (!assemble) return kExitUsage;
    std::vector<Image> images;
    for (const std::string& path : options->programs) {
        std::optional<Image> image = load_program("debug", path, *assemble, &status);
        if (!image) return status;
        images.push_back(std::move(*image));
    }
    if (vars.count("vmm")) warn_if_not_virtualizable("debug", options->technique);
    std::optional<debug::SessionSetup> setup = make_setup(*options, std::move(images), input, &status);
    if (!setup) return status;
    debug::Session session(std::move(*setup), std::cout);
    if (!script) return debug::run_interactive(session);
    std::istringstream lines(*script);
    return debug::run_script(session, lines);
}

}  // namespace trapvm::cli
