// Hardware assist (vmm/hardware.cpp): guest mode, the vt profile's VT-x-like
// extension, and the monitor that runs the unmodified guest in it.
//  - the machine: only a monitor enters guest mode, on a profile with the
//    extension; there every sensitive instruction traps, privileged or not,
//    and every return from run() leaves it;
//  - the verdicts the theory predicts on the vt guest OS build: trap-and-
//    emulate diverges (the kernel's rdpsw), hybrid diverges where the VM
//    does not lie at real 0 (redpill's rdrbase, in user mode), hardware is
//    equivalent in both places, every sensitive instruction counted as an exit;
//  - every profile without the extension is refused, with the reason.
#include "image/image.hpp"
#include "properties/equivalence.hpp"
#include "tests/support/images.hpp"
#include "vmm/monitor.hpp"

#include <doctest/doctest.h>

#include <stdexcept>

using namespace trapvm;

namespace {

using test::read_boot;

const pg32::ProfileInfo& vt() { return *pg32::profile_by_name("vt"); }

// One instruction word at 0 of a monitor's machine, run from user mode with
// R = (0, 4096), in guest mode or not.
RunResult run_word(const pg32::ProfileInfo& profile, uint32_t word, bool guest) {
    Machine m(MachineConfig{.memory_size = 4096, .profile = &profile});
    uint8_t bytes[4] = {static_cast<uint8_t>(word), static_cast<uint8_t>(word >> 8), static_cast<uint8_t>(word >> 16),
                        static_cast<uint8_t>(word >> 24)};
    REQUIRE(m.load(0, bytes));
    m.set_trap_delivery(TrapDelivery::ToMonitor);
    m.set_mode_and_r(pg32::PSW_IE, 0, 4096);
    m.set_pc(0);
    if (guest) m.enter_guest_mode();
    RunResult r = m.run(1);
    CHECK(!m.guest_mode());  // run() returned: a VM exit, guest mode left
    return r;
}

// The word of op with every operand field 0 (r0, csr psw, port 0, offset 0).
uint32_t plain_word(pg32::Op op) { return static_cast<uint32_t>(pg32::info(op).opcode) << 24; }

// Bare against the monitor with technique t, the vt boot as vm0, or as vm1
// beside boot-hello (so that its VM lies elsewhere in real memory).
properties::EquivalenceResult vt_boot(vmm::Technique t, bool beside) {
    const pg32::ProfileInfo& saved = pg32::active_profile();
    pg32::select_profile(vt());  // the machines are built for it
    Image hello = read_boot("hello"), flawed = read_boot("flawed-vt");
    properties::EquivalenceSetup setup;
    setup.image = beside ? &hello : &flawed;
    if (beside) setup.beside.push_back({&flawed, ""});
    setup.max_steps = 5'000'000;
    setup.technique = t;
    properties::EquivalenceResult r = properties::check_equivalence(setup);
    pg32::select_profile(saved);
    return r;
}

}  // namespace

TEST_CASE("guest mode: only a monitor enters it, and only on a profile with the extension") {
    CHECK(vt().guest_mode);
    for (const pg32::ProfileInfo& p : pg32::kProfiles) {
        Machine m(MachineConfig{.memory_size = 4096, .profile = &p});
        CHECK_THROWS_AS(m.enter_guest_mode(), std::logic_error);  // TrapDelivery::Hardware: no monitor
        m.set_trap_delivery(TrapDelivery::ToMonitor);
        if (p.guest_mode) CHECK_NOTHROW(m.enter_guest_mode());
        else CHECK_THROWS_AS(m.enter_guest_mode(), std::logic_error);
        CHECK(m.guest_mode() == p.guest_mode);
    }
}

TEST_CASE("guest mode: every sensitive instruction of vt traps in user mode, the others as they do without it") {
    int sensitive_unprivileged = 0;
    for (int i = 0; i < pg32::kOpCount; ++i) {
        pg32::Op op = static_cast<pg32::Op>(i);
        if (!pg32::in_profile(op, vt())) continue;
        uint32_t word = plain_word(op);
        if (!pg32::decode(word, vt())) continue;  // a field that may not be 0 (none in the table today)
        CAPTURE(pg32::info(op).mnemonic);
        RunResult in_guest = run_word(vt(), word, true), plain = run_word(vt(), word, false);
        bool traps = in_guest.kind == RunResult::Kind::Exit && in_guest.trap.cause == pg32::Cause::Privileged;
        CHECK(traps == pg32::is_sensitive(op));
        if (traps) CHECK(in_guest.trap.badaddr == word);
        if (pg32::is_privileged(op)) CHECK(plain.kind == RunResult::Kind::Exit);
        if (!pg32::is_sensitive(op)) CHECK(in_guest.kind == plain.kind);  // innocuous: guest mode changes nothing
        if (pg32::is_sensitive(op) && !pg32::is_privileged(op)) {
            ++sensitive_unprivileged;
            CHECK(plain.trap.cause != pg32::Cause::Privileged);  // the flaw: without guest mode it does not trap
        }
    }
    CHECK(sensitive_unprivileged == 4);  // rdpsw, wrpsw, rdrbase, jrst: all four flaws
}

TEST_CASE("guest mode in fast mode: a sensitive instruction deep in straight-line code still traps, at its pc") {
    // `at` adds, then rdrbase: the block reaches it in the run loop's fast
    // mode, at a plain word (200) and at a check point (191: the last word
    // of a kStretch-word stretch).
    for (uint32_t at : {200u, kStretch * 3 - 1}) {
        CAPTURE(at);
        Machine m(MachineConfig{.memory_size = 4096, .profile = &vt()});
        uint32_t add = pg32::encode({.op = pg32::Op::Addi, .rd = 1, .rs1 = 1, .imm = 1}).value();
        uint32_t rdrbase = pg32::encode({.op = pg32::Op::Rdrbase, .rd = 2}).value();
        for (uint32_t a = 0; a < 4 * at; a += 4) REQUIRE(m.write_physical(a, add, 4));
        REQUIRE(m.write_physical(4 * at, rdrbase, 4));
        m.set_trap_delivery(TrapDelivery::ToMonitor);
        m.set_mode_and_r(pg32::PSW_IE, 0, 4096);
        m.set_pc(0);
        m.enter_guest_mode();
        RunResult r = m.run(1'000'000);
        CHECK(r.kind == RunResult::Kind::Exit);
        CHECK(r.trap.cause == pg32::Cause::Privileged);
        CHECK(r.trap.badaddr == rdrbase);
        CHECK(r.steps == at);
        CHECK(m.pc() == 4 * at);
        CHECK(m.regs().x[1] == at);
        CHECK(m.regs().x[2] == 0);  // nothing written
    }
}

TEST_CASE("hardware: the vt guest OS build, unmodified, is equivalent, each sensitive instruction an exit") {
    for (bool beside : {false, true}) {
        CAPTURE(beside);
        properties::EquivalenceResult r = vt_boot(vmm::Technique::Hardware, beside);
        INFO(r.report);
        CHECK(r.equivalent);
        CHECK(r.console_bare == r.console_vmm);
        CHECK(r.steps_bare == r.steps_vmm);
        CHECK(r.stop_bare.reason == StopReason::PowerOff);
        CHECK(r.stats.hybrid_interpreted == 0);  // nothing interpreted but what exited
        if (beside) continue;                    // (the stats are vm0's: the vt boot's only as vm0)
        for (pg32::Op op : {pg32::Op::Rdpsw, pg32::Op::Wrpsw, pg32::Op::Rdrbase})
            CHECK(r.stats.sensitive_exits[static_cast<int>(op)] > 0);
        CHECK(r.stats.direct > 100 * r.stats.sensitive_exit_count());  // the rest ran directly
    }
}

TEST_CASE("trap-and-emulate on the vt build diverges at the kernel's rdpsw (Theorem 1 fails)") {
    properties::EquivalenceResult r = vt_boot(vmm::Technique::TrapAndEmulate, false);
    INFO(r.report);
    CHECK(!r.equivalent);
    CHECK(r.report.find("rdpsw") != std::string::npos);
    CHECK(r.stats.sensitive_exit_count() == 0);
}

TEST_CASE("hybrid on the vt build: equivalent at real 0, diverging at redpill's rdrbase elsewhere (Theorem 3 fails)") {
    // The kernel's flaws are interpreted in virtual system mode, so they see
    // the virtual psw and R; redpill's rdrbase runs directly in user mode and
    // reads the real base, which is the virtual one only for a VM at real 0.
    properties::EquivalenceResult at_zero = vt_boot(vmm::Technique::Hybrid, false);
    INFO(at_zero.report);
    CHECK(at_zero.equivalent);
    properties::EquivalenceResult beside = vt_boot(vmm::Technique::Hybrid, true);
    INFO(beside.report);
    CHECK(!beside.equivalent);
    CHECK(beside.diverging_vm == 1);
    CHECK(beside.report.find("rdrbase") != std::string::npos);
}

TEST_CASE("hardware: every profile without the guest-mode extension is refused up front, with the reason") {
    const pg32::ProfileInfo& saved = pg32::active_profile();
    for (const pg32::ProfileInfo& p : pg32::kProfiles) {
        CAPTURE(p.name);
        std::optional<std::string> why = vmm::technique_unavailable(vmm::Technique::Hardware, p);
        CHECK(why.has_value() == !p.guest_mode);
        for (const vmm::TechniqueInfo& t : vmm::kTechniques)
            if (t.technique != vmm::Technique::Hardware) CHECK(!vmm::technique_unavailable(t.technique, p));
        pg32::select_profile(p);
        if (p.guest_mode) {
            CHECK_NOTHROW(vmm::Monitor({.technique = vmm::Technique::Hardware}, 1));
            continue;
        }
        CHECK(why->find("guest-mode extension (vt)") != std::string::npos);
        CHECK(why->find(std::string("profile ") + p.name + " has none") != std::string::npos);
        CHECK_THROWS_WITH_AS(vmm::Monitor({.technique = vmm::Technique::Hardware}, 1), why->c_str(),
                             std::invalid_argument);
    }
    pg32::select_profile(saved);
}
