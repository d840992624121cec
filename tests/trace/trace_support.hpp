// Helpers of the trace tests: assemble a test program, record its trace on
// the bare machine or under the monitor, as trapvm trace does.
#pragma once

#include "assembler/assembler.hpp"
#include "tests/support/assemble.hpp"
#include "trace/session.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace trace_test {

using namespace trapvm;

inline Image assemble(const std::string& relative_path) { return trapvm::test::assemble_source(relative_path); }

// The events of a bare run of image, as the filter keeps them.
inline std::vector<trace::Event> record_bare(const Image& image, trace::Filter filter = {},
                                             uint64_t max_steps = 100000) {
    std::vector<trace::Event> events;
    trace::Session session(filter, [&](const trace::Event& e) { events.push_back(e); });
    Machine m(MachineConfig{1u << 20});
    for (const Segment& s : image.segments) m.load(s.address, s.bytes);
    m.reset(image.entry);
    CaptureSink console;
    m.devices().console.sink = &console;
    Observer* observer = &session.observe(m, &image);
    while (!m.stopped() && m.steps() < max_steps) {
        if (!observer) m.run(max_steps - m.steps());
        else if (m.run(max_steps - m.steps(), *observer).kind == RunResult::Kind::Break) observer = nullptr;
    }
    session.ended(-1, m.steps(), {{"reason", m.stopped() ? "stopped" : "step-limit"}});
    return events;
}

// The events of a run under the monitor, VM i running images[i].
inline std::vector<trace::Event> record_vmm(const std::vector<const Image*>& images, trace::Filter filter = {},
                                            uint32_t quantum = 20000) {
    std::vector<trace::Event> events;
    trace::Session session(filter, [&](const trace::Event& e) { events.push_back(e); });
    vmm::Monitor monitor({.vm_memory_size = 1u << 20, .quantum = quantum, .max_steps = 100000},
                         static_cast<int>(images.size()));
    std::vector<CaptureSink> consoles(images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        for (const Segment& s : images[i]->segments) monitor.load(static_cast<int>(i), s.address, s.bytes);
        monitor.vms()[i].cpu.devices.console.sink = &consoles[i];
        monitor.reset(static_cast<int>(i), images[i]->entry);
    }
    monitor.set_observer(&session.observe(monitor, images));
    while (monitor.run_round())
        if (monitor.break_requested()) monitor.set_observer(nullptr);
    for (const vmm::Vm& vm : monitor.vms()) session.ended(vm.id, vm.cpu.steps, {{"reason", "stopped"}});
    return events;
}

// Only the events of one type.
inline std::vector<trace::Event> only(const std::vector<trace::Event>& events, trace::Event::Type type) {
    std::vector<trace::Event> out;
    for (const trace::Event& e : events)
        if (e.type == type) out.push_back(e);
    return out;
}

}  // namespace trace_test
