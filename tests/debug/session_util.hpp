// Building debugger sessions in tests, and snapshots of the whole world to
// compare states reached in different ways.
#pragma once

#include "assembler/assembler.hpp"
#include "debugger/session.hpp"
#include "tests/support/assemble.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <vector>

namespace trapvm::debug::test {

inline Image assemble(const std::string& relative_path) { return trapvm::test::assemble_source(relative_path); }

struct Options {
    std::vector<std::string> programs;  // relative to the source tree
    std::vector<Image> images;          // instead of programs: images already read
    bool vmm = false;
    std::string input;
    uint32_t quantum = 20000;
    uint32_t memory_size = 64u << 10;  // each VM's
    CheckpointPolicy checkpoints;
};

inline Options bare(std::string program, std::string input = "") {
    Options o;
    o.programs = {std::move(program)};
    o.input = std::move(input);
    return o;
}

inline Options monitor(std::vector<std::string> programs, uint32_t quantum, std::string input = "") {
    Options o;
    o.programs = std::move(programs);
    o.vmm = true;
    o.quantum = quantum;
    o.input = std::move(input);
    return o;
}

// A session on the bare machine (one program) or under the monitor.
inline std::unique_ptr<Session> make_session(const Options& o, std::ostream& out) {
    SessionSetup setup;
    setup.checkpoints = o.checkpoints;
    std::shared_ptr<InputStream> input = InputStream::from_bytes(o.input);
    setup.images = o.images;
    for (const std::string& p : o.programs) setup.images.push_back(assemble(p));
    for (size_t i = 0; i < setup.images.size(); ++i)
        setup.taps.push_back(std::make_unique<ConsoleTap>(o.vmm ? "vm" + std::to_string(i) + "| " : "| ", out));
    if (!o.vmm) {
        Machine m(MachineConfig{o.memory_size});
        for (const Segment& s : setup.images[0].segments) REQUIRE(m.load(s.address, s.bytes));
        m.reset(setup.images[0].entry);
        m.devices().console.sink = setup.taps[0].get();
        m.devices().console.input = input;
        setup.world = make_bare_world(std::move(m));
    } else {
        vmm::Monitor monitor({o.memory_size, o.quantum, UINT64_MAX}, static_cast<int>(setup.images.size()));
        for (size_t i = 0; i < setup.images.size(); ++i) {
            for (const Segment& s : setup.images[i].segments)
                REQUIRE(monitor.load(static_cast<int>(i), s.address, s.bytes));
            monitor.reset(static_cast<int>(i), setup.images[i].entry);
            monitor.vms()[i].cpu.devices.console.sink = setup.taps[i].get();
            monitor.vms()[i].cpu.devices.console.input = input;
        }
        setup.world = make_monitor_world(std::move(monitor));
    }
    return std::make_unique<Session>(std::move(setup), out);
}

// Everything about the world, as text: every VM's CPU, the real CPU, a hash
// of all memory, the consoles, the exit statistics.
inline std::string snapshot(Session& s) {
    std::ostringstream o;
    const World& w = s.world();
    o << "position " << s.timeline().position() << (s.timeline().at_end() ? " end" : "") << " vm "
      << s.timeline().current_vm() << "\n";
    for (int vm = 0; vm < w.vm_count(); ++vm) {
        CpuView c = w.cpu(vm);
        o << "vm" << vm << " pc " << c.pc << " steps " << c.steps << " ticks " << c.ticks << " running " << c.running
          << " stop " << int(c.stop.reason) << "/" << c.stop.status << "/" << c.stop.pc << " console "
          << w.console(vm).bytes_written << "/" << w.console(vm).input_pos << "\n  regs";
        for (int r = 0; r < 16; ++r) o << " " << c.regs[r];
        o << "\n  csr";
        for (const pg32::CsrInfo& info : pg32::kCsrs) o << " " << c.priv.read(info.value);
        o << "\n";
    }
    const Machine& m = w.machine();
    o << "real pc " << m.pc() << " steps " << m.steps() << " ticks " << m.ticks() << " psw " << m.priv().psw << " R "
      << m.priv().rbase << "/" << m.priv().rbound << " timer " << m.devices().timer.next << "\n  regs";
    for (int r = 0; r < 16; ++r) o << " " << m.regs()[r];
    uint64_t hash = 1469598103934665603ull;  // FNV-1a, 8 bytes at a time (256 MiB memories)
    std::span<const uint8_t> memory = m.memory();
    for (size_t i = 0; i < memory.size(); i += 8) {
        uint64_t word = 0;
        std::memcpy(&word, memory.data() + i, std::min<size_t>(8, memory.size() - i));
        hash = (hash ^ word) * 1099511628211ull;
    }
    o << "\nmemory " << hash << "\n";
    if (const vmm::Monitor* monitor = w.monitor())
        for (const vmm::Vm& vm : monitor->vms())
            o << vm.name << " exits " << vm.stats.exits() << " direct " << vm.stats.direct << " emulated "
              << vm.stats.interpreted << " waiting " << vm.cpu.waiting << "\n";
    return o.str();
}

// Runs a command, returning what it printed.
inline std::string run(Session& s, std::ostringstream& out, const std::string& command) {
    out.str("");
    s.execute(command);
    return out.str();
}

}  // namespace trapvm::debug::test
