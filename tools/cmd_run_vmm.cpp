// trapvm run --vmm PROGRAM...: each program in its own virtual machine under
// the trap-and-emulate monitor.
//
// One VM writes its console to stdout unchanged, so its output can be
// compared with a bare run byte for byte. Several VMs share stdout, each
// line prefixed with the VM's name ("[vm0] hello"). All VMs read the same
// console input, each from the start. The run ends when every VM has
// stopped; its exit status is that of the first VM (in order) whose status
// is not 0, else 0.
#include "tools/commands.hpp"
#include "tools/outcome.hpp"
#include "tools/program.hpp"
#include "tools/run_support.hpp"
#include "vmm/monitor.hpp"

#include <nlohmann/json.hpp>

#include <iostream>
#include <memory>

namespace trapvm::cli {

namespace {

// Writes whole lines, each starting with a prefix, so that the output of
// several VMs interleaves line by line, never inside a line.
class LinePrefixSink : public StreamSink {
public:
    LinePrefixSink(std::string prefix, std::FILE* stream) : StreamSink(stream), prefix_(std::move(prefix)) {}
    void put(char byte) override {
        line_ += byte;
        if (byte == '\n') flush();
    }
    void flush() override {
        if (line_.empty()) return StreamSink::flush();
        for (char c : prefix_ + line_ + (line_.back() == '\n' ? "" : "\n")) StreamSink::put(c);
        line_.clear();
        StreamSink::flush();
    }

private:
    std::string prefix_, line_;
};

nlohmann::ordered_json stats_json(const vmm::ExitStats& s) {
    nlohmann::ordered_json exits = nlohmann::ordered_json::object();
    for (const vmm::ExitStats::Row& r : s.rows()) exits[r.reason] = r.count;
    nlohmann::ordered_json injected = nlohmann::ordered_json::object();
    for (uint32_t c = 0; c < pg32::kCauseCodeLimit; ++c)
        if (s.injected[c]) injected[pg32::cause_name(c)] = s.injected[c];
    return {{"exits", exits},     {"total_exits", s.exits()},  {"injected", injected},
            {"direct", s.direct}, {"emulated", s.interpreted}, {"efficiency", s.efficiency()}};
}

nlohmann::ordered_json vm_state(const vmm::Vm& vm, const Outcome& outcome) {
    const vmm::VirtualCpu& c = vm.cpu;
    nlohmann::ordered_json state = cpu_state(c.pc, c.regs, c.priv, c.steps, c.ticks);
    state["name"] = vm.name;
    state["stop"] = to_json(outcome);
    state["region"] = {{"base", vm.region.base}, {"size", vm.region.size}};
    state["stats"] = stats_json(vm.stats);
    return state;
}

}  // namespace

std::optional<uint32_t> read_quantum(const Usage& usage, const po::variables_map& vars) {
    std::optional<uint64_t> q =
        read_count(usage, vars, "quantum", pg32::kQuantumDefault, "a number of units from 1 to 4294967295", 1, UINT32_MAX);
    if (!q) return std::nullopt;
    return static_cast<uint32_t>(*q);
}

void add_monitor_options(Usage& usage) {
    usage.options.add_options()                                                                        //
        ("vmm", "run each PROGRAM in its own virtual machine under the trap-and-emulate monitor")      //
        ("stats", "with --vmm: print the monitor's exit statistics on stderr at the end");
    add_quantum_option(usage);
}

int run_under_monitor(const Usage& usage, const po::variables_map& vars, const RunLimits& limits, RunHooks* hooks) {
    const std::string& command = usage.command;
    std::optional<uint32_t> quantum = read_quantum(usage, vars);
    if (!quantum) return kExitUsage;
    const auto& programs = vars["program"].as<std::vector<std::string>>();
    if (uint64_t{limits.memory_size} * programs.size() > kMaxMemorySize)
        return usage_error(usage, "the VMs need more than 256M of memory together (see --mem-size)");
    std::optional<AssembleOptions> assemble = assemble_options(usage, vars);
    if (!assemble) return kExitUsage;
    std::vector<Image> images;
    for (const std::string& path : programs) {
        int status = kExitOk;
        std::optional<Image> image = load_program(command, path, *assemble, &status);
        if (!image) return status;
        images.push_back(std::move(*image));
    }
    vmm::Monitor monitor({.vm_memory_size = limits.memory_size, .quantum = *quantum, .max_steps = limits.max_steps}, static_cast<int>(images.size()));
    std::shared_ptr<InputStream> input = open_input(command, vars);
    if (!input) return kExitNoInput;
    std::FILE* out = hooks ? hooks->console() : stdout;
    std::vector<std::unique_ptr<StreamSink>> sinks;
    OutputBudget output{limits.max_output};  // shared by all VMs: they share stdout
    for (size_t i = 0; i < images.size(); ++i) {
        vmm::Vm& vm = monitor.vms()[i];
        if (images.size() == 1) sinks.push_back(std::make_unique<StreamSink>(out));
        else sinks.push_back(std::make_unique<LinePrefixSink>("[" + vm.name + "] ", out));
        vm.cpu.devices.console.sink = sinks.back().get();
        vm.cpu.devices.console.budget = &output;
        vm.cpu.devices.console.input = input;
        for (const Segment& s : images[i].segments)
            if (!monitor.load(static_cast<int>(i), s.address, s.bytes))
                return fail(command, programs[i] + " does not fit in its VM's memory (try --mem-size)", kExitBadInput);
        monitor.reset(static_cast<int>(i), images[i].entry);
    }

    catch_interrupts();
    if (hooks) monitor.set_observer(&hooks->observe(monitor, images));
    auto stop_requested = [hooks] { return hooks && hooks->stop_requested(); };
    while (!interrupted() && !output.exceeded && !stop_requested() && monitor.run_round())
        if (monitor.break_requested()) monitor.set_observer(nullptr);  // the observer has seen all it wants
    for (auto& sink : sinks) sink->flush();

    bool quiet = vars.count("quiet");
    int exit = kExitOk;
    nlohmann::ordered_json vms = nlohmann::ordered_json::array();
    for (size_t i = 0; i < images.size(); ++i) {
        const vmm::Vm& vm = monitor.vms()[i];
        Outcome outcome = outcome_of(vm.cpu.stop, vm.step_limit, vm.cpu.pc);
        if (output.exceeded && vm.running()) outcome = output_limit(vm.cpu.pc);
        if (stop_requested() && vm.running()) outcome = trace_limit(vm.cpu.pc);
        outcome = final_outcome(outcome, sinks[i].get());
        std::string who = images.size() > 1 ? vm.name + ": " : "";
        std::string message = describe(outcome, &images[i], vm.cpu.steps);
        if (hooks) hooks->ended(static_cast<int>(i), outcome, vm.cpu.steps);
        if (!quiet) warn_unknown_ports("trapvm " + command + ": " + who, vm.cpu.devices.unknown_ports);
        if (!quiet && !message.empty()) std::cerr << "trapvm " << command << ": " << who << message << "\n";
        if (exit == kExitOk) exit = exit_status(outcome);
        if (interrupted()) exit = kExitInterrupted;  // Ctrl-C always ends the run with 130
        vms.push_back(vm_state(vm, outcome));
    }
    if (vars.count("stats")) {
        if (images.size() > 1)
            for (const vmm::Vm& vm : monitor.vms()) std::cerr << vmm::format_stats("exits of " + vm.name, vm.stats);
        std::cerr << vmm::format_stats("exits of all VMs", monitor.total_stats());
    }
    if (vars.count("state-json")) {
        nlohmann::ordered_json state = vms[0];  // the first VM's virtual state at the top, as a bare run has it
        state["vms"] = vms;
        state["stats"] = stats_json(monitor.total_stats());
        if (!write_json(command, vars["state-json"].as<std::string>(), state)) return kExitCannotWrite;
    }
    return exit;
}

}  // namespace trapvm::cli
