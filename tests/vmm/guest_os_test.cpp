// The three properties on the real workload: the guest OS, unmodified, in
// every boot configuration (build/guest-os/boot-*.img).
//  - equivalence: bare and monitored runs give the same instruction stream
//    (timer interrupts included), console output and exit status;
//  - efficiency: only privileged instructions are emulated, the monitor adds
//    no traps, and CPU-bound boots run more than 99% of their instructions
//    directly.
#include "efficiency.hpp"
#include "image/image.hpp"
#include "properties/equivalence.hpp"
#include "tests/support/images.hpp"

#include <doctest/doctest.h>

#include <filesystem>

using namespace trapvm;

namespace {

using test::read_boot;

properties::EquivalenceResult boot(const std::string& name, const std::string& input = "") {
    Image image = read_boot(name);
    properties::EquivalenceSetup setup;
    setup.image = &image;
    setup.input = input;
    setup.max_steps = 5'000'000;
    properties::EquivalenceResult r = properties::check_equivalence(setup);
    INFO("boot-", name, "\n", r.report);
    CHECK(r.equivalent);
    CHECK(r.console_bare == r.console_vmm);
    CHECK(r.stop_bare.reason == r.stop_vmm.reason);
    CHECK(r.stop_bare.status == r.stop_vmm.status);
    CHECK(r.stop_bare.reason == StopReason::PowerOff);  // every boot ends by powering off
    check_efficiency(r, "boot-" + name);
    return r;
}

}  // namespace

TEST_CASE("guest OS boot-hello: equivalent under the monitor") { boot("hello"); }

TEST_CASE("guest OS boot-mix: preemption interleaves identically and runs over 99 percent directly") {
    auto r = boot("mix");
    CHECK(r.stats.efficiency() > 0.99);
    CHECK(r.stats.injected[static_cast<int>(pg32::Cause::Timer)] > 10);  // timer interrupts were part of it
}

TEST_CASE("guest OS boot-upper: console input, equivalent") {
    auto r = boot("upper", "Popek and Goldberg\nwere right.\n");
    CHECK(r.console_bare.find("POPEK AND GOLDBERG") != std::string::npos);
}

TEST_CASE("guest OS boot-sleep: idling in wfi, equivalent") { boot("sleep"); }

TEST_CASE("guest OS boot-hog: a process that never yields, over 99 percent directly") {
    auto r = boot("hog");
    CHECK(r.stats.efficiency() > 0.99);
}

TEST_CASE("guest OS boot-bad: a killed process, equivalent") { boot("bad"); }

TEST_CASE("guest OS boot-faults: every user fault reflected exactly") { boot("faults"); }

TEST_CASE("guest OS boot-badptr: bad pointers, equivalent") { boot("badptr"); }

TEST_CASE("guest OS boot-crunch: the CPU-bound benchmark workload runs over 99 percent directly") {
    auto r = boot("crunch");
    CHECK(r.stats.efficiency() > 0.99);
}

// Theorem 1 the other way round: the kernel built for a flawed profile
// runs correctly bare (it powers off with status 0) and is not equivalent
// under the monitor (tests/guest-os/flawed.sh shows where it diverges).
TEST_CASE("guest OS boot-flawed-*: built for a flawed profile, correct bare and not equivalent under the monitor") {
    const pg32::ProfileInfo& saved = pg32::active_profile();
    for (const char* profile : {"leaky-psw", "silent-ie", "leaky-r", "jrst1", "vt", "lab-virt-a"}) {
        Image image = read_boot(std::string("flawed-") + profile);
        INFO(profile);
        CHECK(image.profile == profile);
        pg32::select_profile(*pg32::profile_by_name(profile));  // the machines are built for it
        properties::EquivalenceSetup setup;
        setup.image = &image;
        setup.max_steps = 5'000'000;
        properties::EquivalenceResult r = properties::check_equivalence(setup);
        pg32::select_profile(saved);
        CHECK(!r.equivalent);
        CHECK(r.stop_bare.reason == StopReason::PowerOff);
        CHECK(r.stop_bare.status == 0);
    }
}

TEST_CASE("every guest OS boot image is covered here") {
    std::vector<std::string> covered = {"hello",
                                        "mix",
                                        "upper",
                                        "sleep",
                                        "hog",
                                        "bad",
                                        "faults",
                                        "badptr",
                                        "crunch",
                                        "flawed-leaky-psw",
                                        "flawed-silent-ie",
                                        "flawed-leaky-r",
                                        "flawed-vt",
                                        "flawed-jrst1",
                                        "flawed-lab-virt-a"};
    for (const auto& entry : std::filesystem::directory_iterator(std::string(TRAPVM_BINARY_DIR) + "/guest-os")) {
        std::string file = entry.path().filename().string();
        if (file.rfind("boot-", 0) != 0 || entry.path().extension() != ".img") continue;
        std::string name = file.substr(5, file.size() - 9);
        INFO(file);
        CHECK(std::find(covered.begin(), covered.end(), name) != covered.end());
    }
}
