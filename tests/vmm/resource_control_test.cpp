// Resource control (Popek and Goldberg): a guest cannot change the resources
// allocated to it. An adversarial guest kernel tries every way out of its VM
// while a victim VM runs beside it; the victim must not notice, the monitor
// must survive, and the real mode and R change only through the allocator.
#include "properties/resource_control.hpp"
#include "assembler/assembler.hpp"
#include "tests/support/assemble.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace trapvm;
using namespace trapvm::vmm;

namespace {

Image assemble(const std::string& relative_path) { return trapvm::test::assemble_source(relative_path); }

// The victim alone on bare hardware: its console and final memory.
struct BareRun {
    std::string console;
    std::vector<uint8_t> memory;
    Stop stop;
};

BareRun run_bare(const Image& image) {
    Machine m;
    for (const Segment& s : image.segments) m.load(s.address, s.bytes);
    m.reset(image.entry);
    CaptureSink console;
    m.devices().console.sink = &console;
    m.run(10'000'000);
    return {console.text, {m.memory().begin(), m.memory().end()}, m.stop()};
}

struct Pair {
    Monitor monitor{MonitorConfig{}, 2};
    CaptureSink console[2];
};

// Runs the two images side by side, `adversary` in VM a, the victim in VM 1-a.
void run_pair(Pair& p, const Image& adversary, const Image& victim, int a) {
    const Image* images[2] = {a == 0 ? &adversary : &victim, a == 0 ? &victim : &adversary};
    for (int i = 0; i < 2; ++i) {
        for (const Segment& s : images[i]->segments) REQUIRE(p.monitor.load(i, s.address, s.bytes));
        p.monitor.vms()[static_cast<size_t>(i)].cpu.devices.console.sink = &p.console[i];
        p.monitor.reset(i, images[i]->entry);
    }
    p.monitor.run();
}

}  // namespace

TEST_CASE("resource control: an adversarial guest cannot disturb the VM beside it") {
    Image adversary = assemble("tests/vmm/programs/adversary.s");
    Image victim = assemble("tests/vmm/programs/timer_kernel.s");
    BareRun alone = run_bare(victim);
    for (int a = 0; a < 2; ++a) {
        INFO("adversary in vm", a);
        Pair p;
        run_pair(p, adversary, victim, a);
        const Vm& bad = p.monitor.vms()[static_cast<size_t>(a)];
        const Vm& good = p.monitor.vms()[static_cast<size_t>(1 - a)];
        // The adversary ran to its end and stopped only itself.
        CHECK(bad.cpu.stop.reason == StopReason::PowerOff);
        CHECK(bad.cpu.stop.status == 11);  // the traps it counted, as on bare hardware
        // The victim ran as if alone on bare hardware, byte for byte.
        CHECK(good.cpu.stop.reason == alone.stop.reason);
        CHECK(good.cpu.stop.status == alone.stop.status);
        CHECK(p.console[1 - a].text == alone.console);
        std::span<const uint8_t> region = p.monitor.machine().memory().subspan(good.region.base, good.region.size);
        CHECK(std::equal(region.begin(), region.end(), alone.memory.begin()));
        // Every change of the real mode and R went through the allocator.
        CHECK(p.monitor.machine().resource_changes() == p.monitor.allocator().changes());
        CHECK(p.monitor.allocator().changes() > 0);
    }
}

TEST_CASE("resource control: the adversary sees exactly what bare hardware shows it") {
    Image adversary = assemble("tests/vmm/programs/adversary.s");
    BareRun bare = run_bare(adversary);
    CHECK(bare.stop.reason == StopReason::PowerOff);
    CHECK(bare.stop.status == 11);
    CHECK(bare.console == ";\n");  // '0' + 11 traps
}

TEST_CASE("resource control: only the allocator changes the real mode and R") {
    // Machine::set_mode_and_r is the one way to change them from outside the
    // CPU; in the monitor only the allocator may call it. (The interpreter
    // routines write h.priv(): the virtual registers, not the machine's.)
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(TRAPVM_SOURCE_DIR) + "/vmm")) {
        std::string file = entry.path().filename().string();
        if (file.starts_with("allocator.") || !(file.ends_with(".cpp") || file.ends_with(".hpp"))) continue;
        std::ifstream in(entry.path());
        REQUIRE(in);
        std::stringstream text;
        text << in.rdbuf();
        INFO(file);
        CHECK(text.str().find("set_mode_and_r") == std::string::npos);
        // nor write the machine's privileged registers directly
        CHECK_FALSE(std::regex_search(text.str(), std::regex(R"(machine_?(->|\.)priv\(\)\.(\w+\s*=[^=]|write))")));
        ++files;
    }
    CHECK(files >= 5);
}

TEST_CASE("resource control: the property holds for every hostile guest beside the adversary and the guest OS") {
    // properties::check_resource_control watches every exit and every
    // directly run instruction (resource_control.hpp says what it checks).
    std::vector<Image> images = {assemble("tests/vmm/programs/adversary.s"),
                                 assemble("tests/vmm/programs/hostile/rfe_self.s"),
                                 assemble("tests/vmm/programs/hostile/sys_rfe.s"),
                                 assemble("tests/vmm/programs/hostile/timer_unacked.s"),
                                 assemble("tests/vmm/programs/hostile/timer_masked.s"),
                                 assemble("tests/vmm/programs/smc_kernel.s"),
                                 assemble("tests/vmm/programs/timer_kernel.s")};
    for (uint32_t quantum : {1u, 7u, 1000u}) {
        CAPTURE(quantum);
        properties::ResourceControlSetup setup{.vm_memory_size = 0x10000, .quantum = quantum, .max_steps = 50'000};
        for (const Image& i : images) setup.images.push_back(&i);
        properties::ResourceControlVerdict v = properties::check_resource_control(setup);
        INFO(v.problem);
        CHECK(v.holds);
        CHECK(v.stops.size() == images.size());
        CHECK(v.stats.exits() > 1000);
    }
}
