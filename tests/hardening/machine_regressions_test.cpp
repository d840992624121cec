// Bugs in the machine and the monitor found by hardening, each checked
// directly (the programs also run in equivalence_regressions_test.cpp).
#include "assembler/assembler.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

using namespace trapvm;

namespace {

Image assemble(const std::string& name) {
    AssembleResult r = assemble_file(std::string(TRAPVM_SOURCE_DIR) + "/tests/hardening/programs/" + name);
    REQUIRE(r.ok());
    return *r.image;
}

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
