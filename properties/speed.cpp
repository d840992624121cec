// Relative speed (see speed.hpp).
#include "properties/speed.hpp"

#include "vmm/monitor.hpp"

#include <algorithm>
#include <ctime>
#include <limits>

namespace trapvm::properties {

namespace {

double cpu_now() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

void run_bare(const EquivalenceSetup& s) {
    Machine m(MachineConfig{s.memory_size});
    for (const Segment& seg : s.image->segments) m.load(seg.address, seg.bytes);
    m.reset(s.image->entry);
    CaptureSink console;
    m.devices().console.sink = &console;
    m.devices().console.input = InputStream::from_bytes(s.input);
    while (!m.stopped() && m.steps() < s.max_steps) m.run(s.max_steps - m.steps());
}

void run_monitored(const EquivalenceSetup& s) {
    vmm::Monitor monitor(
        {.vm_memory_size = s.memory_size, .quantum = s.quantum, .max_steps = s.max_steps, .technique = s.technique}, 1);
    for (const Segment& seg : s.image->segments) monitor.load(0, seg.address, seg.bytes);
    CaptureSink console;
    vmm::Vm& vm = monitor.vms()[0];
    vm.cpu.devices.console.sink = &console;
    vm.cpu.devices.console.input = InputStream::from_bytes(s.input);
    monitor.reset(0, s.image->entry);
    monitor.run();
}

template <class Run> double best_of(int repetitions, Run run) {
    double best = std::numeric_limits<double>::infinity();
    for (int i = 0; i < std::max(repetitions, 1); ++i) {
        double start = cpu_now();
        run();
        best = std::min(best, cpu_now() - start);
    }
    return best;
}

}  // namespace

SpeedResult measure_speed(const EquivalenceSetup& setup, int repetitions) {
    return {best_of(repetitions, [&] { run_bare(setup); }), best_of(repetitions, [&] { run_monitored(setup); })};
}

}  // namespace trapvm::properties
