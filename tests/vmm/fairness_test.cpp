// Resource control over time: no guest can starve the others. A time slice
// is `quantum` units of guest work, one unit per instruction run directly or
// emulated and per trap reflected or interrupt injected (vmm/README.md), so
// a guest made only of exits ends its slice as surely as a loop of adds.
//
// Time here is guest work, counted by the monitor's own books: the same on
// every machine and every run, so the bounds below are exact, not timings.
#include "tests/support/assemble.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <numeric>

using namespace trapvm;
using namespace trapvm::vmm;

namespace {

constexpr uint32_t kQuantum = 1000;

Image hostile(const std::string& name) { return test::assemble_source("tests/vmm/programs/hostile/" + name + ".s"); }

// 2000 csrr per retired jump: 2000 exits for every instruction run directly.
Image csrr_storm() {
    std::string source = ".include \"pg32.inc\"\n_start:\n";
    for (int i = 0; i < 2000; ++i) source += "    csrr t0, scratch\n";
    source += "    j _start\n";
    AssembleResult r = assemble_source(source, "csrr_storm.s");
    REQUIRE(r.ok());
    return *r.image;
}

// Every unit of guest work a VM has been charged for: direct and emulated
// instructions, reflected traps, injected interrupts.
uint64_t work(const ExitStats& s) {
    uint64_t traps = std::accumulate(std::begin(s.reflected), std::end(s.reflected), uint64_t{0});
    uint64_t interrupts = std::accumulate(std::begin(s.injected), std::end(s.injected), uint64_t{0});
    return s.direct + s.interpreted + traps + interrupts;
}

struct Race {
    uint64_t good_done_at = 0;     // all VMs' work when the well-behaved VM stopped
    uint64_t max_round_exits = 0;  // the most exits any one round handled
    Stop good_stop;
};

// Runs `good` in VM 0 beside the others until it stops.
Race race(const Image& good, const std::vector<Image>& others) {
    std::vector<const Image*> images{&good};
    for (const Image& i : others) images.push_back(&i);
    // The step limit only keeps a starving monitor from hanging the test:
    // then a hostile VM runs its 5 million steps before anyone else may.
    Monitor monitor({.vm_memory_size = 64 * 1024, .quantum = kQuantum, .max_steps = 5'000'000},
                    static_cast<int>(images.size()));
    for (size_t i = 0; i < images.size(); ++i) {
        for (const Segment& s : images[i]->segments) REQUIRE(monitor.load(static_cast<int>(i), s.address, s.bytes));
        monitor.reset(static_cast<int>(i), images[i]->entry);
    }
    Race r;
    uint64_t exits = 0;
    for (int round = 0; monitor.vms()[0].running(); ++round) {
        REQUIRE(round < 1'000'000);
        REQUIRE(monitor.run_round());
        uint64_t now = monitor.total_stats().exits();
        r.max_round_exits = std::max(r.max_round_exits, now - exits);
        exits = now;
    }
    for (const Vm& vm : monitor.vms()) r.good_done_at += work(vm.stats);
    r.good_stop = monitor.vms()[0].cpu.stop;
    return r;
}

}  // namespace

TEST_CASE("fairness: each hostile guest gets its share of guest work and no more") {
    Image good = hostile("well_behaved");
    Race solo = race(good, {});
    REQUIRE(solo.good_stop.reason == StopReason::PowerOff);
    std::vector<std::pair<std::string, Image>> kinds = {
        {"an rfe that returns to itself", hostile("rfe_self")},
        {"sys with a lone-rfe handler", hostile("sys_rfe")},
        {"an unacknowledged timer", hostile("timer_unacked")},
        {"a timer expiring at every tick, masked", hostile("timer_masked")},
        {"2000 csrr per jump", csrr_storm()}};
    for (const auto& [what, image] : kinds) {
        for (size_t n : {1u, 3u}) {
            CAPTURE(what);
            CAPTURE(n);
            Race r = race(good, std::vector<Image>(n, image));
            CHECK(r.good_stop.reason == StopReason::PowerOff);
            // n + 1 VMs share the machine: the well-behaved one finishes after
            // at most its own work times n + 1, plus one round of slack.
            uint64_t bound = (n + 1) * (solo.good_done_at + kQuantum);
            CHECK(r.good_done_at <= bound);
            CHECK(r.good_done_at >= solo.good_done_at);
            MESSAGE(what << ", " << n << " beside: finished after "
                         << static_cast<double>(r.good_done_at) / static_cast<double>(solo.good_done_at)
                         << "x its solo guest work (fair share: " << n + 1 << "x)");
            // And every round ends after at most a slice of exits per VM, so a
            // stop request (Ctrl-C, an output or trace limit) waits at most that.
            CHECK(r.max_round_exits <= (n + 1) * (kQuantum + 1));
        }
    }
}
