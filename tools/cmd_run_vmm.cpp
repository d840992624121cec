// trapvm run --vmm[=KIND] PROGRAM...: each program in its own virtual
// machine under the monitor, with the technique KIND (vmm/technique.hpp;
// trap-and-emulate unless told).
//
// One VM writes its console to stdout unchanged, so its output can be
// compared with a bare run byte for byte. Several VMs share stdout, each
// line prefixed with the VM's name ("[vm0] hello"). All VMs read the same
// console input, each from the start. The run ends when every VM has
// stopped; its exit status is that of the first VM (in order) whose status
// is not 0, else 0.
#include "tools/commands.hpp"
#include "tools/hints.hpp"
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
    nlohmann::ordered_json stats = {{"exits", exits},
                                    {"total_exits", s.exits()},
                                    {"injected", injected},
                                    {"direct", s.direct},
                                    {"emulated", s.interpreted},
                                    {"interpreted", s.hybrid_interpreted + s.sensitive_exit_count()},
                                    {"hypercalls", s.hypercalls},
                                    {"sensitive_exits", s.sensitive_exit_count()},
                                    {"efficiency", s.efficiency()}};
    stats["patched"] = s.patched;  // the patch technique's, emulated at their exits
    return stats;
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
    std::optional<uint64_t> q = read_count(usage, vars, "quantum", pg32::kQuantumDefault,
                                           "a number of units from 1 to 4294967295", 1, UINT32_MAX);
    if (!q) return std::nullopt;
    return static_cast<uint32_t>(*q);
}

void add_vmm_option(Usage& usage, const char* what) {
    std::string help = std::string("with the monitor's technique KIND (") + vmm::technique_names() +
                       "; --vmm alone: " + vmm::technique_info(vmm::Technique::TrapAndEmulate).name + "): " + what;
    usage.options.add_options()("vmm", po::value<std::string>()->value_name("[=KIND]"), help.c_str());
    usage.optional_values.push_back({"vmm", vmm::technique_info(vmm::Technique::TrapAndEmulate).name});
}

std::optional<vmm::Technique> read_technique(const Usage& usage, const po::variables_map& vars) {
    std::string name = vars["vmm"].as<std::string>();
    if (const vmm::TechniqueInfo* t = vmm::technique_by_name(name)) return t->technique;
    usage_error(usage, "--vmm=" + name + ": no such technique (the kinds are " + vmm::technique_names() + ")");
    return std::nullopt;
}

int check_technique(const std::string& command, vmm::Technique technique) {
    const char* name = vmm::technique_info(technique).name;
    if (std::optional<std::string> why = vmm::technique_unavailable(technique, pg32::active_profile()))
        return fail(command, "--vmm=" + std::string(name) + ": " + *why, kExitUsage);
    warn_if_not_virtualizable(command, technique);
    return kExitOk;
}

void add_monitor_options(Usage& usage) {
    add_vmm_option(usage, "run each PROGRAM in its own virtual machine under the monitor");
    usage.options.add_options()("stats", "with --vmm: print the monitor's exit statistics on stderr at the end");
    add_quantum_option(usage);
}

namespace {

// One `run --vmm`: the images, the monitor and the consoles, from loading
// to the end of the run. The VMs share stdout (and its output limit) and
// the console input, each from the start.
class MonitoredRun {
public:
    MonitoredRun(const Usage& usage, const po::variables_map& vars, const RunLimits& limits, RunHooks* hooks)
        : usage_(usage), vars_(vars), limits_(limits), hooks_(hooks), output_{limits.max_output} {}

    // Reads the programs and sets up the VMs: kExitOk, or the exit status.
    int load(uint32_t quantum, vmm::Technique technique);
    void run();
    // Messages, --stats and --state-json; returns the exit status.
    int report();

private:
    struct Ending;
    Ending ending() const;
    int wire(size_t vm, std::shared_ptr<InputStream> input);
    Outcome outcome_of_vm(size_t vm) const;
    bool stop_requested() const { return hooks_ && hooks_->stop_requested(); }

    const Usage& usage_;
    const po::variables_map& vars_;
    RunLimits limits_;
    RunHooks* hooks_;
    std::vector<std::string> programs_;
    std::vector<Image> images_;
    std::optional<vmm::Monitor> monitor_;
    std::vector<std::unique_ptr<StreamSink>> sinks_;
    OutputBudget output_;  // shared by all VMs: they share stdout
};

int MonitoredRun::load(uint32_t quantum, vmm::Technique technique) {
    programs_ = vars_["program"].as<std::vector<std::string>>();
    if (uint64_t{limits_.memory_size} * programs_.size() > kMaxMemorySize)
        return usage_error(usage_, "the VMs need more than 256M of memory together (see --mem-size)");
    std::optional<AssembleOptions> assemble = assemble_options(usage_, vars_);
    if (!assemble) return kExitUsage;
    for (const std::string& path : programs_) {
        int status = kExitOk;
        std::optional<Image> image = load_program(usage_.command, path, *assemble, &status);
        if (!image) return status;
        images_.push_back(std::move(*image));
    }
    if (int status = check_technique(usage_.command, technique)) return status;
    monitor_.emplace(vmm::MonitorConfig{.vm_memory_size = limits_.memory_size,
                                        .quantum = quantum,
                                        .max_steps = limits_.max_steps,
                                        .technique = technique},
                     static_cast<int>(images_.size()));
    std::shared_ptr<InputStream> input = open_input(usage_.command, vars_);
    if (!input) return kExitNoInput;
    for (size_t i = 0; i < images_.size(); ++i)
        if (int status = wire(i, input)) return status;
    return kExitOk;
}

// VM i's console (prefixed lines when there are several VMs) and memory.
int MonitoredRun::wire(size_t i, std::shared_ptr<InputStream> input) {
    vmm::Vm& vm = monitor_->vms()[i];
    std::FILE* out = hooks_ ? hooks_->console() : stdout;
    if (images_.size() == 1) sinks_.push_back(std::make_unique<StreamSink>(out));
    else sinks_.push_back(std::make_unique<LinePrefixSink>("[" + vm.name + "] ", out));
    vm.cpu.devices.console.sink = sinks_.back().get();
    vm.cpu.devices.console.budget = &output_;
    vm.cpu.devices.console.input = std::move(input);
    for (const Segment& s : images_[i].segments)
        if (!monitor_->load(static_cast<int>(i), s.address, s.bytes))
            return fail(usage_.command, programs_[i] + " does not fit in its VM's memory (try --mem-size)",
                        kExitBadInput);
    monitor_->reset(static_cast<int>(i), images_[i].entry);
    return kExitOk;
}

// Round after round until every VM stopped, Ctrl-C, the output limit or the
// hooks' request (each round is at most a time slice per VM).
void MonitoredRun::run() {
    catch_interrupts();
    if (hooks_) monitor_->set_observer(&hooks_->observe(*monitor_, images_));
    while (!interrupted() && !output_.exceeded && !stop_requested() && monitor_->run_round())
        if (monitor_->break_requested()) monitor_->set_observer(nullptr);  // the observer has seen all it wants
    for (auto& sink : sinks_) sink->flush();
}

Outcome MonitoredRun::outcome_of_vm(size_t i) const {
    const vmm::Vm& vm = monitor_->vms()[i];
    Outcome outcome = outcome_of(vm.cpu.stop, vm.step_limit, vm.cpu.pc, vm.cpu.priv);
    if (output_.exceeded && vm.running()) outcome = output_limit(outcome);
    if (stop_requested() && vm.running()) outcome = trace_limit(outcome);
    return final_outcome(outcome, sinks_[i].get());
}

// What report() says, taken before the hints may run the VMs on.
struct MonitoredRun::Ending {
    std::vector<Outcome> outcomes;
    std::vector<std::string> messages;  // per VM: how it ended
    std::vector<std::vector<uint32_t>> unknown_ports;
    nlohmann::ordered_json vms = nlohmann::ordered_json::array();
    std::string stats;  // --stats
    nlohmann::ordered_json total = nlohmann::ordered_json::object();
};

MonitoredRun::Ending MonitoredRun::ending() const {
    Ending end;
    for (size_t i = 0; i < images_.size(); ++i) {
        const vmm::Vm& vm = monitor_->vms()[i];
        end.outcomes.push_back(outcome_of_vm(i));
        if (hooks_) hooks_->ended(static_cast<int>(i), end.outcomes[i], vm.cpu.steps);
        end.messages.push_back(describe(end.outcomes[i], &images_[i], vm.cpu.steps));
        end.unknown_ports.push_back(vm.cpu.devices.unknown_ports);
        end.vms.push_back(vm_state(vm, end.outcomes[i]));
        if (images_.size() > 1) end.stats += vmm::format_stats("exits of " + vm.name, vm.stats);
    }
    end.stats += vmm::format_stats("exits of all VMs", monitor_->total_stats());
    end.total = stats_json(monitor_->total_stats());
    return end;
}

// Messages (each VM's end, and a hint when there is one), --stats and
// --state-json, as the run ended: the hints may run the VMs on, unseen.
int MonitoredRun::report() {
    const std::string& command = usage_.command;
    bool quiet = vars_.count("quiet");
    Ending end = ending();
    std::vector<std::string> hints =
        quiet ? std::vector<std::string>(images_.size()) : hints_after(*monitor_, end.outcomes, images_);
    int exit = kExitOk;
    for (size_t i = 0; i < images_.size(); ++i) {
        std::string who = images_.size() > 1 ? monitor_->vms()[i].name + ": " : "";
        if (!quiet) warn_unknown_ports("trapvm " + command + ": " + who, end.unknown_ports[i]);
        if (!quiet && !end.messages[i].empty())
            std::cerr << "trapvm " << command << ": " << who << end.messages[i] << "\n";
        if (!end.messages[i].empty() && !hints[i].empty())
            std::cerr << "trapvm " << command << ": " << who << "hint: " << hints[i] << "\n";
        if (exit == kExitOk) exit = exit_status(end.outcomes[i]);
    }
    if (interrupted()) exit = kExitInterrupted;  // Ctrl-C always ends the run with 130
    if (vars_.count("stats")) std::cerr << end.stats;
    if (!vars_.count("state-json")) return exit;
    nlohmann::ordered_json state = end.vms[0];  // the first VM's virtual state at the top, as a bare run has it
    state["technique"] = vmm::technique_info(monitor_->technique()).name;
    state["vms"] = end.vms;
    state["stats"] = end.total;
    return write_json(command, vars_["state-json"].as<std::string>(), state) ? exit : kExitCannotWrite;
}

}  // namespace

int run_under_monitor(const Usage& usage, const po::variables_map& vars, const RunLimits& limits, RunHooks* hooks) {
    std::optional<uint32_t> quantum = read_quantum(usage, vars);
    if (!quantum) return kExitUsage;
    std::optional<vmm::Technique> technique = read_technique(usage, vars);
    if (!technique) return kExitUsage;
    MonitoredRun run(usage, vars, limits, hooks);
    if (int status = run.load(*quantum, *technique)) return status;
    run.run();
    return run.report();
}

}  // namespace trapvm::cli
