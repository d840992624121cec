// Relative speed (see speed.hpp).
#include "properties/speed.hpp"

#include "vmm/monitor.hpp"

#include <algorithm>
#include <ctime>

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
    const Image& image = s.vmm_image ? *s.vmm_image : *s.image;  // a paravirtual build runs its own
    for (const Segment& seg : image.segments) monitor.load(0, seg.address, seg.bytes);
    CaptureSink console;
    vmm::Vm& vm = monitor.vms()[0];
    vm.cpu.devices.console.sink = &console;
    vm.cpu.devices.console.input = InputStream::from_bytes(s.input);
    monitor.reset(0, image.entry);
    monitor.run();
}

// The CPU time of one run: the mean over at least `repetitions` runs and
// 20 ms in all, so that a short program is timed over many runs.
template <class Run> double mean_of(int repetitions, Run run) {
    constexpr double kAtLeast = 0.02;
    double start = cpu_now(), spent = 0;
    int runs = 0;
    while (runs < std::max(repetitions, 1) || spent < kAtLeast) {
        run();
        ++runs;
        spent = cpu_now() - start;
    }
    return spent / runs;
}

}  // namespace

SpeedResult measure_speed(const EquivalenceSetup& setup, int repetitions) {
    return {mean_of(repetitions, [&] { run_bare(setup); }), mean_of(repetitions, [&] { run_monitored(setup); })};
}

}  // namespace trapvm::properties
