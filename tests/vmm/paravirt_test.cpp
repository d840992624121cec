// The paravirtual monitor (--vmm=paravirt, vmm/hypercalls.hpp) and the
// paravirtual build of the guest OS (guest-os/kernel/hooks-paravirt.inc):
//  - every paravirtual boot (build/guest-os/paravirt/boot-paravirt-*.img)
//    prints under the paravirtual monitor exactly what its unmodified boot
//    prints bare, and ends the same, on every profile it is built for;
//  - with fewer exits than trap-and-emulate on the unmodified boot (a count);
//  - an unmodified guest runs under paravirt exactly as under
//    trap-and-emulate: record for record equivalent, no hypercall;
//  - hostile hypercalls get their defined results, the output limit holds
//    to the byte, and a hypercall from virtual user mode is the guest's own
//    system call.
#include "image/image.hpp"
#include "properties/equivalence.hpp"
#include "properties/resource_control.hpp"
#include "tests/support/assemble.hpp"
#include "tests/support/images.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using namespace trapvm;
namespace fs = std::filesystem;

namespace {

using test::read_image_file;

const fs::path kImages = fs::path(TRAPVM_BINARY_DIR) / "guest-os";

// Each paravirtual boot and the unmodified boot it stands for:
// paravirt/boot-paravirt-X.img and boot-X.img (the list from the tree).
std::vector<std::pair<fs::path, fs::path>> paravirt_boots() {
    std::vector<std::pair<fs::path, fs::path>> out;
    for (const auto& entry : fs::directory_iterator(kImages / "paravirt")) {
        std::string name = entry.path().filename().string();
        if (!name.starts_with("boot-paravirt-") || entry.path().extension() != ".img") continue;
        out.emplace_back(entry.path(), kImages / ("boot-" + name.substr(std::string("boot-paravirt-").size())));
    }
    std::sort(out.begin(), out.end());
    return out;
}

properties::EquivalenceSetup setup_for(const Image& image, vmm::Technique technique) {
    properties::EquivalenceSetup setup;
    setup.image = &image;
    setup.max_steps = 20'000'000;
    setup.technique = technique;
    return setup;
}

// One VM under the paravirtual monitor, its console captured.
struct ParavirtRun {
    vmm::Monitor monitor{{.max_steps = 100'000, .technique = vmm::Technique::Paravirt}, 1};
    CaptureSink console;
    OutputBudget budget;
    explicit ParavirtRun(const Image& image, uint64_t output_limit = UINT64_MAX) {
        budget.left = output_limit;
        for (const Segment& s : image.segments) REQUIRE(monitor.load(0, s.address, s.bytes));
        vmm::Vm& vm = monitor.vms()[0];
        vm.cpu.devices.console.sink = &console;
        vm.cpu.devices.console.budget = &budget;
        monitor.reset(0, image.entry);
        monitor.run();
    }
    const vmm::Vm& vm() { return monitor.vms()[0]; }
    uint32_t word(const Image& image, const std::string& label, int index) {
        const Symbol* at = image.find_symbol(label);
        REQUIRE(at);
        return monitor.machine()
            .read_physical(vm().region.base + at->value + 4 * static_cast<uint32_t>(index), 4)
            .value();
    }
};

}  // namespace

TEST_CASE("paravirt: each paravirtual boot prints what its unmodified boot prints bare, on its profile") {
    std::vector<std::pair<fs::path, fs::path>> boots = paravirt_boots();
    CHECK(boots.size() >= 6);  // hello, mix, crunch and the three flawed profiles'
    const pg32::ProfileInfo& saved = pg32::active_profile();
    for (const auto& [paravirt, unmodified] : boots) {
        CAPTURE(paravirt);
        Image pv = read_image_file(paravirt), plain = read_image_file(unmodified);
        REQUIRE(pv.profile == plain.profile);
        pg32::select_profile(*pg32::profile_by_name(plain.profile));
        properties::EquivalenceSetup setup = setup_for(plain, vmm::Technique::Paravirt);
        setup.vmm_image = &pv;
        properties::EquivalenceResult r = properties::check_equivalence(setup);
        INFO(r.report);
        CHECK(r.equivalent);
        CHECK(r.stop_bare.reason == StopReason::PowerOff);
        CHECK(r.stats.hypercalls > 0);
        CHECK(r.stats.hypercall_counts[0] > 0);  // CONSOLE_WRITE, the first row of hypercalls.tbl
    }
    pg32::select_profile(saved);
}

// Where trap-and-emulate runs the unmodified boot correctly (pg32): on a
// flawed profile it fails early (leaky-psw panics at boot), and a count of
// a wrong run is nothing to beat.
TEST_CASE("paravirt: fewer exits than trap-and-emulate on the same workload") {
    const pg32::ProfileInfo& saved = pg32::active_profile();
    int compared = 0;
    for (const auto& [paravirt, unmodified] : paravirt_boots()) {
        CAPTURE(paravirt);
        Image pv = read_image_file(paravirt), plain = read_image_file(unmodified);
        pg32::select_profile(*pg32::profile_by_name(plain.profile));
        properties::EquivalenceSetup pvs = setup_for(plain, vmm::Technique::Paravirt);
        pvs.vmm_image = &pv;
        properties::EquivalenceResult te =
            properties::check_equivalence(setup_for(plain, vmm::Technique::TrapAndEmulate));
        uint64_t pv_exits = properties::check_equivalence(pvs).stats.exits();
        MESSAGE(unmodified.filename().string(), ": ", te.stats.exits(), " exits under trap-and-emulate",
                std::string(te.equivalent ? "" : " (not equivalent)"), ", ", pv_exits, " under paravirt");
        if (!te.equivalent) continue;
        CHECK(pv_exits < te.stats.exits());
        ++compared;
    }
    CHECK(compared >= 3);  // boot-hello, boot-mix, boot-crunch
    pg32::select_profile(saved);
}

TEST_CASE("paravirt: an unmodified guest runs as under trap-and-emulate, without a hypercall") {
    std::vector<fs::path> programs;
    for (const char* dir : {"examples", "tests/vmm/programs", "tests/vmm/programs/hostile"})
        for (const auto& entry : fs::directory_iterator(fs::path(TRAPVM_SOURCE_DIR) / dir))
            if (entry.path().extension() == ".s") programs.push_back(entry.path());
    for (const char* boot : {"boot-hello.img", "boot-mix.img", "boot-faults.img"}) programs.push_back(kImages / boot);
    std::sort(programs.begin(), programs.end());
    for (const fs::path& path : programs) {
        CAPTURE(path);
        Image image = path.extension() == ".img" ? read_image_file(path)
                                                 : test::assemble_source(fs::relative(path, TRAPVM_SOURCE_DIR));
        properties::EquivalenceSetup pv = setup_for(image, vmm::Technique::Paravirt);
        pv.max_steps = 2'000'000;
        properties::EquivalenceSetup te = pv;
        te.technique = vmm::Technique::TrapAndEmulate;
        properties::EquivalenceResult a = properties::check_equivalence(pv), b = properties::check_equivalence(te);
        INFO(a.report);
        CHECK(a.equivalent == b.equivalent);
        CHECK(a.stats.hypercalls == 0);
        CHECK(a.stats.exits() == b.stats.exits());
    }
}

TEST_CASE("paravirt: hostile hypercalls get their defined results") {
    Image image = test::assemble_source("tests/vmm/programs/paravirt/hostile_hypercalls.s");
    ParavirtRun run(image);
    CHECK(run.vm().cpu.stop.reason == StopReason::PowerOff);
    CHECK(run.vm().cpu.stop.status == 0);
    CHECK(run.console.text == "hello");                   // the one good write, and nothing of the bad ones
    CHECK(run.word(image, "results", 0) == 0xffffffffu);  // past the end of memory
    CHECK(run.word(image, "results", 1) == 0xffffffffu);  // a huge length
    CHECK(run.word(image, "results", 2) == 0xffffffffu);  // wrapping around 2^32
    CHECK(run.word(image, "results", 3) == 0);            // nothing to write
    CHECK(run.word(image, "results", 4) == 5);
    CHECK(run.word(image, "results", 5) == pg32::PSW_SYSTEM);
    CHECK(run.word(image, "results", 6) == 0x4000);
    CHECK(run.word(image, "results", 7) == static_cast<uint32_t>(pg32::Cause::Syscall));  // an unknown number
    CHECK(run.word(image, "results", 8) == 0x5a5a);                                       // s0 kept
    CHECK(run.vm().stats.hypercalls == 7);
    CHECK(run.vm().stats.reflected[static_cast<int>(pg32::Cause::Syscall)] == 1);
}

TEST_CASE("paravirt: the output limit stops a CONSOLE_WRITE at the byte that crosses it") {
    Image image = test::assemble_source("tests/vmm/programs/paravirt/hostile_hypercalls.s");
    ParavirtRun run(image, 3);
    CHECK(run.console.text == "hel");
    CHECK(run.vm().cpu.stop.reason == StopReason::OutputLimit);
    CHECK(run.budget.exceeded);
}

TEST_CASE("paravirt: a hypercall from virtual user mode is the guest's own system call") {
    Image image = test::assemble_source("tests/vmm/programs/paravirt/user_hypercall.s");
    ParavirtRun run(image);
    CHECK(run.console.text.empty());
    CHECK(run.vm().cpu.stop.reason == StopReason::PowerOff);
    CHECK(run.vm().cpu.stop.status == (0x100 | static_cast<uint32_t>(pg32::Cause::Syscall)));
    CHECK(run.vm().stats.hypercalls == 0);
    properties::EquivalenceResult r = properties::check_equivalence(setup_for(image, vmm::Technique::Paravirt));
    INFO(r.report);
    CHECK(r.equivalent);  // and just as bare hardware runs it
}

TEST_CASE("paravirt resource control: a hostile hypercaller cannot touch the VM beside it") {
    Image hostile = test::assemble_source("tests/vmm/programs/paravirt/hostile_hypercalls.s");
    Image victim = test::assemble_source("tests/vmm/programs/timer_kernel.s");
    properties::ResourceControlSetup setup{.quantum = 7, .max_steps = 50'000, .technique = vmm::Technique::Paravirt};
    setup.images = {&hostile, &victim};
    properties::ResourceControlVerdict v = properties::check_resource_control(setup);
    INFO(v.problem);
    CHECK(v.holds);
}
