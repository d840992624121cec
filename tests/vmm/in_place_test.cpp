// Exits handled in place (vmm/monitor.cpp): when nobody watches, the monitor
// handles an emulated exit inside the machine's run loop, without run()
// returning. That must be invisible: the same run as the monitor's other
// path, which every observed run (trace, debugger, equivalence) takes.
//
// Each case runs the same guests twice, once with no observer (exits in
// place) and once with an observer that watches nothing (so every exit
// returns from run()), and compares after every round: each VM's registers,
// pc, privileged registers, steps, virtual time, devices, stop, exit
// statistics and console output, and the real machine's time. The cases
// cover where the fast path must hand back to the slice's loop: halt and
// power-off, wfi, an interrupt that becomes deliverable right after an
// emulated csrw or rfe, the step limit, the slice running out at an exit,
// and the techniques that share the path.
#include "tests/support/assemble.hpp"
#include "tests/support/images.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <memory>

using namespace trapvm;
using namespace trapvm::vmm;

namespace {

Image read_built(const std::string& relative_path) {
    return test::read_image_file(std::filesystem::path(TRAPVM_BINARY_DIR) / relative_path);
}

struct Setup {
    std::vector<const Image*> guests;
    std::string input;
    MonitorConfig config;
};

// A monitor with its guests loaded, its consoles captured.
struct Run {
    Monitor monitor;
    std::vector<std::unique_ptr<CaptureSink>> consoles;

    explicit Run(const Setup& s) : monitor(s.config, static_cast<int>(s.guests.size())) {
        for (size_t i = 0; i < s.guests.size(); ++i) {
            int vm = static_cast<int>(i);
            for (const Segment& seg : s.guests[i]->segments) REQUIRE(monitor.load(vm, seg.address, seg.bytes));
            consoles.push_back(std::make_unique<CaptureSink>());
            monitor.vms()[i].cpu.devices.console.sink = consoles.back().get();
            monitor.vms()[i].cpu.devices.console.input = InputStream::from_bytes(s.input);
            monitor.reset(vm, s.guests[i]->entry);
        }
    }
};

void check_same_vm(const Vm& a, const Vm& b, const std::string& console_a, const std::string& console_b) {
    INFO(a.name);
    CHECK(a.cpu.regs == b.cpu.regs);
    CHECK(a.cpu.pc == b.cpu.pc);
    CHECK(a.cpu.priv == b.cpu.priv);
    CHECK(a.cpu.steps == b.cpu.steps);
    CHECK(a.cpu.ticks == b.cpu.ticks);
    CHECK(a.cpu.waiting == b.cpu.waiting);
    CHECK(a.cpu.devices.timer.next == b.cpu.devices.timer.next);
    CHECK(a.cpu.devices.timer.pending == b.cpu.devices.timer.pending);
    CHECK(a.cpu.stop.reason == b.cpu.stop.reason);
    CHECK(a.cpu.stop.status == b.cpu.stop.status);
    CHECK(a.cpu.stop.pc == b.cpu.stop.pc);
    CHECK(a.cpu.stop.message == b.cpu.stop.message);
    CHECK(a.step_limit == b.step_limit);
    CHECK(a.stats == b.stats);
    CHECK(console_a == console_b);
}

// Both runs, round by round. Returns the exits, to show the case had some.
uint64_t check_in_place(const Setup& s) {
    Run fast(s), slow(s);
    MonitorObserver nobody;  // watches nothing, but its presence sends every exit back from run()
    slow.monitor.set_observer(&nobody);
    for (int round = 0;; ++round) {
        bool more_fast = fast.monitor.run_round();
        bool more_slow = slow.monitor.run_round();
        INFO("after round ", round);
        REQUIRE(more_fast == more_slow);
        CHECK(fast.monitor.machine().ticks() == slow.monitor.machine().ticks());
        for (size_t i = 0; i < s.guests.size(); ++i)
            check_same_vm(fast.monitor.vms()[i], slow.monitor.vms()[i], fast.consoles[i]->text, slow.consoles[i]->text);
        if (!more_fast) break;
    }
    return fast.monitor.total_stats().exits();
}

const char* const kKernels[] = {"timer_kernel",   "cpu_kernel", "faults_kernel", "wfi_kernel",
                                "console_kernel", "adversary",  "smc_kernel"};
const char* const kBoots[] = {"hello", "mix", "upper", "sleep", "hog", "bad", "faults", "badptr", "crunch"};

}  // namespace

TEST_CASE("exits in place: the test kernels, as the monitor's other path runs them") {
    for (const char* name : kKernels) {
        Image image = test::assemble_source(std::string("tests/vmm/programs/") + name + ".s");
        for (uint32_t quantum : {20000u, 7u, 1u}) {
            INFO(name, " quantum ", quantum);
            CHECK(check_in_place({.guests = {&image}, .input = "Hello, monitor!\n", .config = {.quantum = quantum}}) >
                  0);
        }
    }
}

TEST_CASE("exits in place: every guest OS boot, under each technique that takes them") {
    for (const char* name : kBoots) {
        Image image = read_built(std::string("guest-os/boot-") + name + ".img");
        for (Technique t : {Technique::TrapAndEmulate, Technique::Hybrid, Technique::Paravirt}) {
            INFO("boot-", name, " technique ", static_cast<int>(t));
            MonitorConfig config{.max_steps = 5'000'000, .technique = t};
            CHECK(check_in_place({.guests = {&image}, .input = "some input\n", .config = config}) > 0);
        }
    }
}

TEST_CASE("exits in place: the paravirtual boots under paravirt") {
    for (const char* name : {"hello", "mix", "crunch"}) {
        Image image = read_built(std::string("guest-os/paravirt/boot-paravirt-") + name + ".img");
        INFO("boot-paravirt-", name);
        MonitorConfig config{.max_steps = 5'000'000, .technique = Technique::Paravirt};
        CHECK(check_in_place({.guests = {&image}, .config = config}) > 0);
    }
}

// The step limit lands anywhere, also on the instruction after an emulated
// one; the slice ends at every unit, also in the middle of a run of exits.
TEST_CASE("exits in place: step limits and tiny slices at every offset") {
    Image mix = read_built("guest-os/boot-mix.img");
    for (uint64_t limit = 1000; limit < 1200; ++limit) {
        INFO("max_steps ", limit);
        check_in_place({.guests = {&mix}, .config = {.quantum = 13, .max_steps = limit}});
    }
}

// Several VMs share the real CPU: the in-place path must leave the real
// timer, R and registers as the next VM's entry expects.
TEST_CASE("exits in place: several VMs, hostile ones among them") {
    Image hello = read_built("guest-os/boot-hello.img");
    Image crunch = read_built("guest-os/boot-crunch.img");
    Image rfe_self = test::assemble_source("tests/vmm/programs/hostile/rfe_self.s");
    Image sys_rfe = test::assemble_source("tests/vmm/programs/hostile/sys_rfe.s");
    Image unacked = test::assemble_source("tests/vmm/programs/hostile/timer_unacked.s");
    Image masked = test::assemble_source("tests/vmm/programs/hostile/timer_masked.s");
    for (uint32_t quantum : {1000u, 37u}) {
        INFO("quantum ", quantum);
        Setup s{.guests = {&hello, &rfe_self, &crunch, &sys_rfe, &unacked, &masked},
                .config = {.vm_memory_size = 1 << 20, .quantum = quantum, .max_steps = 300'000}};
        CHECK(check_in_place(s) > 0);
    }
}
