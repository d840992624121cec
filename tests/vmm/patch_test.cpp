// The patch technique (vmm/patch.hpp): the sensitive unprivileged
// instructions of the profile trap through the machine's pre-decoded cache
// and are emulated at their exit; everything else runs directly.
//  - what is patched is what trapvm check measures as Theorem 1's
//    violators, on every profile (none on pg32);
//  - the machine's side of it (Machine::trap_in_user_mode): the instruction
//    traps with PRIVILEGED in user mode, memory keeps its word, a store
//    re-decodes it, and it is for monitors only;
//  - every guest OS boot, each with its own profile, is equivalent under the
//    patch technique, where trap-and-emulate is not on the flawed ones, and
//    on pg32 it is trap-and-emulate exit for exit;
//  - resource control holds for patched guests side by side.
// The guest's own view (hiding, self-modifying code, code loaded at run
// time, data that looks like code) is patch_guest_test.cpp's.
#include "vmm/patch.hpp"
#include "image/image.hpp"
#include "properties/classify.hpp"
#include "properties/equivalence.hpp"
#include "properties/resource_control.hpp"
#include "tests/support/images.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

using namespace trapvm;
namespace fs = std::filesystem;

namespace {

using test::read_image_file;

// The guest OS boots, derived from the build: a new one is covered at once.
std::vector<fs::path> boot_images() {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(fs::path(TRAPVM_BINARY_DIR) / "guest-os"))
        if (entry.path().extension() == ".img" && entry.path().filename().string().starts_with("boot-"))
            out.push_back(entry.path());
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> mnemonics(const OpSet& ops) {
    std::vector<std::string> out;
    for (int i = 0; i < pg32::kOpCount; ++i)
        if (ops.test(static_cast<size_t>(i))) out.emplace_back(pg32::kInsns[i].mnemonic);
    return out;
}

// The active profile, set for a scope (machines and the assembler take it).
class WithProfile {
public:
    explicit WithProfile(const pg32::ProfileInfo& p) : saved_(pg32::active_profile()) { pg32::select_profile(p); }
    ~WithProfile() { pg32::select_profile(saved_); }
    WithProfile(const WithProfile&) = delete;
    WithProfile& operator=(const WithProfile&) = delete;

private:
    const pg32::ProfileInfo& saved_;
};

properties::EquivalenceResult run_equivalence(const Image& image, vmm::Technique technique) {
    properties::EquivalenceSetup setup;
    setup.image = &image;
    setup.max_steps = 5'000'000;
    setup.technique = technique;
    return properties::check_equivalence(setup);
}

}  // namespace

TEST_CASE("patch: what is patched is what trapvm check measures as Theorem 1's violators, none on pg32") {
    for (const pg32::ProfileInfo& p : pg32::kProfiles) {
        INFO(p.name);
        properties::ClassifyReport measured = properties::classify({.profile = &p, .seed = 1, .states = 300});
        CHECK(mnemonics(vmm::patched_instructions(p)) == measured.theorem1.violators);
        CHECK(vmm::patched_instructions(p).none() == p.theorem1);
    }
}

namespace {

// A one-word program at 0 in user mode on a monitor's machine of profile p.
Machine user_machine(const pg32::ProfileInfo& p, uint32_t word) {
    Machine m({.memory_size = 0x1000, .profile = &p});
    m.set_trap_delivery(TrapDelivery::ToMonitor);
    m.set_mode_and_r(0, 0, 0x1000);  // user mode, R the whole memory
    m.write_physical(0, word, 4);
    return m;
}

constexpr uint32_t kRdpswA0 = 0x58300000;    // rdpsw a0
constexpr uint32_t kAddiA0Is7 = 0x20300007;  // addi a0, zero, 7
constexpr uint32_t kAddiA0Is0 = 0x20300000;  // addi a0, zero, 0: rdpsw a0 but for the opcode byte

}  // namespace

TEST_CASE("trap_in_user_mode: the instruction traps with PRIVILEGED, memory and instruction_at keep the original") {
    const pg32::ProfileInfo& leaky = *pg32::profile_by_name("leaky-psw");
    Machine m = user_machine(leaky, kRdpswA0);
    CHECK(m.run(1).kind == RunResult::Kind::Budget);  // unpatched, it just runs
    m.set_pc(0);
    m.trap_in_user_mode(vmm::patched_instructions(leaky));  // forgets what was decoded
    RunResult r = m.run(10);
    REQUIRE(r.kind == RunResult::Kind::Exit);
    CHECK(r.trap.cause == pg32::Cause::Privileged);
    CHECK(r.trap.badaddr == kRdpswA0);
    CHECK(r.steps == 0);
    CHECK(m.pc() == 0);
    CHECK(m.read_physical(0, 4) == kRdpswA0);  // the patch is not in memory
    std::optional<Insn> insn = m.instruction_at(0);
    REQUIRE(insn);
    CHECK(insn->instruction() == pg32::Op::Rdpsw);  // the original, for the monitor to run
    Observer watching;                              // careful mode, one instruction at a time
    CHECK(m.run(10, watching).kind == RunResult::Kind::Exit);
}

TEST_CASE("trap_in_user_mode: a store re-decodes the word, trapping again only if it is still patched") {
    const pg32::ProfileInfo& leaky = *pg32::profile_by_name("leaky-psw");
    Machine m = user_machine(leaky, kRdpswA0);
    m.trap_in_user_mode(vmm::patched_instructions(leaky));
    CHECK(m.run(1).kind == RunResult::Kind::Exit);
    m.write_physical(0, kAddiA0Is7, 4);  // innocuous now: runs directly
    CHECK(m.run(1).kind == RunResult::Kind::Budget);
    CHECK(m.regs().x[3] == 7);
    m.set_pc(0);
    m.write_physical(0, kAddiA0Is0, 4);
    CHECK(m.run(1).kind == RunResult::Kind::Budget);
    m.set_pc(0);
    m.write_physical(3, kRdpswA0 >> 24, 1);  // only the opcode byte: rdpsw a0 again
    RunResult r = m.run(1);
    CHECK(r.kind == RunResult::Kind::Exit);
    CHECK(r.trap.badaddr == kRdpswA0);
    m.write_physical(3, kAddiA0Is0 >> 24, 1);  // and back
    CHECK(m.run(1).kind == RunResult::Kind::Budget);
}

TEST_CASE("trap_in_user_mode: for monitors only, and an empty set changes nothing") {
    const pg32::ProfileInfo& leaky = *pg32::profile_by_name("leaky-psw");
    Machine bare({.memory_size = 0x1000, .profile = &leaky});
    CHECK_THROWS_AS(bare.trap_in_user_mode(vmm::patched_instructions(leaky)), std::logic_error);
    Machine m = user_machine(leaky, kRdpswA0);
    m.trap_in_user_mode(vmm::patched_instructions(leaky));
    CHECK_THROWS_AS(m.set_trap_delivery(TrapDelivery::Hardware), std::logic_error);
    m.trap_in_user_mode(OpSet{});
    CHECK(m.run(1).kind == RunResult::Kind::Budget);
    m.set_trap_delivery(TrapDelivery::Hardware);
}

// Each boot with its own profile: equivalent under the patch technique,
// with the first divergence in the message if not. On a flawed profile
// trap-and-emulate is not (Theorem 1 fails), and exactly the profile's
// flawed instructions exit patched; on pg32 nothing is patched and the run
// is trap-and-emulate's, exit for exit.
TEST_CASE("patch: every guest OS boot is equivalent, on its own profile, patching only the flawed instructions") {
    std::vector<fs::path> boots = boot_images();
    CHECK(boots.size() >= 12);
    int flawed = 0;
    for (const fs::path& path : boots) {
        CAPTURE(path);
        Image image = read_image_file(path);
        const pg32::ProfileInfo& profile = *pg32::profile_by_name(image.profile);
        WithProfile with(profile);
        properties::EquivalenceResult patch = run_equivalence(image, vmm::Technique::Patch);
        properties::EquivalenceResult plain = run_equivalence(image, vmm::Technique::TrapAndEmulate);
        INFO("under --vmm=patch:\n", patch.report);
        CHECK(patch.equivalent);
        CHECK(patch.stop_bare.reason == StopReason::PowerOff);
        CHECK(patch.stats.direct + patch.stats.interpreted + patch.stats.patched == patch.steps_vmm);
        OpSet used;
        for (int i = 0; i < pg32::kOpCount; ++i)
            if (patch.stats.patched_by_op[i]) used.set(static_cast<size_t>(i));
        if (profile.theorem1) {
            CHECK(plain.equivalent);
            CHECK(patch.stats.patched == 0);
            CHECK(patch.stats.exits() == plain.stats.exits());
            CHECK(patch.stats.direct == plain.stats.direct);
        } else {
            ++flawed;
            CHECK(!plain.equivalent);  // what the patch technique is for
            CHECK(patch.stats.patched > 0);
            // only flawed instructions are patched (a boot need not use all of them: vt's has no jrst)
            CHECK((used & ~vmm::patched_instructions(profile)).none());
        }
    }
    CHECK(flawed >= 3);  // boot-flawed-leaky-psw, -silent-ie, -leaky-r
}

TEST_CASE("patch resource control: two patched kernels side by side keep to their regions and share time") {
    Image image = read_image_file(fs::path(TRAPVM_BINARY_DIR) / "guest-os/boot-flawed-leaky-r.img");
    WithProfile with(*pg32::profile_by_name(image.profile));
    properties::ResourceControlSetup setup;
    setup.images = {&image, &image};
    setup.quantum = 500;
    setup.max_steps = 2'000'000;
    setup.technique = vmm::Technique::Patch;
    properties::ResourceControlVerdict v = properties::check_resource_control(setup);
    INFO(v.problem);
    CHECK(v.holds);
    CHECK(v.stats.patched > 0);
    for (const Stop& stop : v.stops) CHECK(stop.reason == StopReason::PowerOff);
}
