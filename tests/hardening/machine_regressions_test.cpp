// Bugs in the machine and the monitor found by hardening, each checked
// directly (the programs also run in equivalence_regressions_test.cpp).
#include "assembler/assembler.hpp"
#include "tests/support/assemble.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

using namespace trapvm;

namespace {

Image assemble(const std::string& name) { return test::assemble_source("tests/hardening/programs/" + name); }

Machine bare(const Image& image) {
    Machine m(MachineConfig{64 << 10});
    for (const Segment& s : image.segments) m.load(s.address, s.bytes);
    m.reset(image.entry);
    return m;
}

}  // namespace

TEST_CASE("machine regressions: an interrupt with no handler stops the machine before another instruction") {
    Machine m = bare(assemble("unhandled_interrupt.s"));
    m.run(1000);
    REQUIRE(m.stop().reason == StopReason::UnhandledTrap);
    CHECK(m.stop().trap.cause == pg32::Cause::Timer);
    CHECK(m.steps() == 22);  // 2 to set the timer, 20 more: none after the interrupt
    CHECK(m.pc() == m.stop().pc);
}

TEST_CASE("machine regressions: a trap handler that traps at once ends as a deadlock, bare and under the monitor") {
    alarm(60);  // the bug was a hang: fail loudly instead of waiting for ctest
    Image image = assemble("trap_loop.s");
    Machine m = bare(image);
    m.run(UINT64_MAX);
    CHECK(m.stop().reason == StopReason::Deadlock);
    CHECK(m.stop().trap.cause == pg32::Cause::Illegal);
    CHECK(m.stop().pc == 0xfff0);

    // Two VMs: the looping one must not starve the other.
    vmm::Monitor monitor({.vm_memory_size = 64 << 10, .quantum = 100, .max_steps = UINT64_MAX}, 2);
    for (int vm = 0; vm < 2; ++vm) {
        for (const Segment& s : image.segments) monitor.load(vm, s.address, s.bytes);
        monitor.reset(vm, image.entry);
    }
    monitor.run();
    for (const vmm::Vm& vm : monitor.vms()) CHECK(vm.cpu.stop.reason == StopReason::Deadlock);
    alarm(0);
}
