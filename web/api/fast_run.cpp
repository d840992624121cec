// Full-speed runs (see fast_run.hpp).
#include "web/api/fast_run.hpp"

#include "tools/outcome.hpp"
#include "tools/program.hpp"

namespace trapvm::web {

ordered_json FastRun::load(const Image& image, const EngineConfig& config) {
    config_ = config;
    image_ = image;
    machine_.reset();
    monitor_.reset();
    console_ = std::make_unique<CaptureSink>();
    budget_ = OutputBudget{.left = pg32::kMaxOutputDefault};
    std::shared_ptr<InputStream> input = InputStream::from_bytes(config.input);
    if (!config.vmm) {
        machine_ = std::make_unique<Machine>(MachineConfig{config.memory_size});
        std::string error;
        if (!cli::install(*machine_, image, &error)) return {{"ok", false}, {"error", error}};
        Console& c = machine_->devices().console;
        c.sink = console_.get(), c.budget = &budget_, c.input = input;
        return {{"ok", true}};
    }
    monitor_ =
        std::make_unique<vmm::Monitor>(vmm::MonitorConfig{config.memory_size, config.quantum, config.max_steps}, 1);
    Console& c = monitor_->vms()[0].cpu.devices.console;
    c.sink = console_.get(), c.budget = &budget_, c.input = input;
    for (const Segment& s : image.segments)
        if (!monitor_->load(0, s.address, s.bytes))
            return {{"ok", false}, {"error", "the program does not fit in its VM's memory (try a larger memory)"}};
    monitor_->reset(0, image.entry);
    return {{"ok", true}};
}

uint64_t FastRun::steps() const { return machine_ ? machine_->steps() : monitor_ ? monitor_->vms()[0].cpu.steps : 0; }

bool FastRun::done() const {
    if (machine_) return machine_->stopped() || machine_->steps() >= config_.max_steps;
    return !monitor_ || !monitor_->vms()[0].running();
}

ordered_json FastRun::run(uint64_t chunk) {
    uint64_t start = steps();
    if (machine_ && !done()) machine_->run(std::min(chunk, config_.max_steps - machine_->steps()));
    else if (monitor_)
        while (steps() - start < chunk && monitor_->run_round()) {
        }
    return {{"done", done()}, {"steps", steps()}};
}

ordered_json FastRun::state() const {
    if (!machine_ && !monitor_) return {{"loaded", false}};
    const std::string& text = console_->text;
    size_t from = text.size() > 65536 ? text.size() - 65536 : 0;
    ordered_json j{{"loaded", true}, {"done", done()}, {"console", text.substr(from)}, {"console_cut", from}};
    cli::Outcome outcome;
    if (machine_) {
        j["cpu"] = cli::machine_state(*machine_);
        outcome = cli::outcome_of(*machine_, machine_->steps() >= config_.max_steps);
    } else {
        const vmm::Vm& vm = monitor_->vms()[0];
        j["cpu"] = cli::cpu_state(vm.cpu.pc, vm.cpu.regs, vm.cpu.priv, vm.cpu.steps, vm.cpu.ticks);
        j["exits"] = vmm::format_stats(vm.name, vm.stats);
        outcome = cli::outcome_of(vm.cpu.stop, vm.step_limit, vm.cpu.pc);
    }
    if (done()) j["end"] = {{"stop", cli::to_json(outcome)}, {"message", cli::describe(outcome, &image_, steps())}};
    return j;
}

}  // namespace trapvm::web
