// Equivalence (Popek and Goldberg): every program, run on the bare machine
// and under the monitor, gives the same guest-visible instruction stream
// (pc, word, virtual mode, register and memory writes, port accesses, traps
// and interrupts, step by step), the same console output and the same end.
#include "properties/equivalence.hpp"
#include "assembler/assembler.hpp"
#include "efficiency.hpp"
#include "tests/support/assemble.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace trapvm;

namespace {

Image assemble(const std::string& relative_path) { return trapvm::test::assemble_source(relative_path); }

properties::EquivalenceResult check(const std::string& program, const std::string& input = "",
                                    uint32_t quantum = 20000) {
    Image image = assemble(program);
    properties::EquivalenceSetup setup;
    setup.image = &image;
    setup.input = input;
    setup.quantum = quantum;
    properties::EquivalenceResult r = properties::check_equivalence(setup);
    INFO(program, "\n", r.report);
    CHECK(r.equivalent);
    CHECK(r.console_bare == r.console_vmm);
    CHECK(r.steps_bare == r.steps_vmm);
    check_efficiency(r, program);
    return r;
}

}  // namespace

TEST_CASE("equivalence: a preempted user program with system calls") {
    auto r = check("tests/vmm/programs/timer_kernel.s");
    CHECK(r.stop_bare.reason == StopReason::PowerOff);
    CHECK(r.stop_bare.status == 7);
    CHECK(r.console_bare.find("u.") != std::string::npos);  // both interrupts and system calls happened
    CHECK(r.records > 1000);
}

TEST_CASE("equivalence and efficiency: CPU-bound user work runs directly") {
    auto r = check("tests/vmm/programs/cpu_kernel.s");
    CHECK(r.stop_bare.reason == StopReason::PowerOff);
    CHECK(r.stats.efficiency() > 0.99);
}

TEST_CASE("equivalence: a preempted program with a tiny monitor time slice") {
    check("tests/vmm/programs/timer_kernel.s", "", 7);  // monitor preemptions must not be visible
}

TEST_CASE("equivalence: every exception kind in user mode") {
    auto r = check("tests/vmm/programs/faults_kernel.s");
    CHECK(r.stop_bare.reason == StopReason::Halt);
    CHECK(r.console_bare == "E00 Ffe E00 G00 B00 C00 C20 D00 D00 D00 A00 F22 E00 \n");
}

TEST_CASE("equivalence: idling in wfi with interrupts on and off, then a deadlock") {
    auto r = check("tests/vmm/programs/wfi_kernel.s");
    CHECK(r.stop_bare.reason == StopReason::Deadlock);
}

TEST_CASE("equivalence: console input by interrupt until the end of input") {
    auto r = check("tests/vmm/programs/console_kernel.s", "Hello, monitor!\n");
    CHECK(r.console_bare == "HELLO, MONITOR!\n");
    CHECK(r.stop_bare.reason == StopReason::PowerOff);
}

TEST_CASE("equivalence: console input that is empty") {
    auto r = check("tests/vmm/programs/console_kernel.s", "");
    CHECK(r.console_bare == "");
}

TEST_CASE("equivalence: an adversarial kernel with hostile privileged operands and self-modifying code") {
    auto r = check("tests/vmm/programs/adversary.s");
    CHECK(r.stop_bare.reason == StopReason::PowerOff);
}

TEST_CASE("equivalence: self-modifying code at every width and alignment, and an rbase with its low bits set") {
    auto r = check("tests/vmm/programs/smc_kernel.s");
    CHECK(r.stop_bare.reason == StopReason::Halt);
}
