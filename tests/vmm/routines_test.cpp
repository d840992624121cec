// The interpreter routines are twins of the machine's semantics: every
// privileged instruction of the table, with edge operands, run in virtual
// system mode (emulated) and in virtual user mode (reflected), gives the
// same trace bare and under the monitor. An effect a routine forgets to
// report (a csr write, a port access) shows as a divergence here.
#include "assembler/assembler.hpp"
#include "properties/equivalence.hpp"
#include "trace/recorder.hpp"

#include <doctest/doctest.h>

#include <string>
#include <vector>

using namespace trapvm;

namespace {

constexpr uint32_t kValues[] = {0, 1, 0x7fffffff, 0xfffffffc, 0xffffffff};

// Every use of insn worth trying: each csr, each port (and one no device
// owns), rd = r0 and a0, and for an rs1 operand each edge value (set in a0
// by the program before the instruction).
struct Variant {
    std::string line;  // the instruction, as assembly
    uint32_t a0 = 0;   // the value of a0 before it
};

std::vector<std::string> operand_choices(pg32::OperandKind kind) {
    using K = pg32::OperandKind;
    std::vector<std::string> out;
    switch (kind) {
    case K::Rd: return {"zero", "a0"};
    case K::Rs1: return {"a0"};
    case K::Csr:
        for (const pg32::CsrInfo& c : pg32::kCsrs) out.push_back(c.name);
        return out;
    case K::Port:
        for (const pg32::PortInfo& p : pg32::kPorts) out.push_back(p.name);
        out.push_back("0x1234");
        return out;
    default: FAIL("no choices for this operand kind in a privileged instruction"); return {};
    }
}

std::vector<Variant> variants(const pg32::InsnInfo& insn) {
    const pg32::FormatInfo& f = pg32::kFormats[static_cast<int>(insn.format)];
    std::vector<std::string> lines{insn.mnemonic};
    bool uses_rs1 = false;
    for (int i = 0; i < f.operand_count; ++i) {
        uses_rs1 |= f.operands[i] == pg32::OperandKind::Rs1;
        std::vector<std::string> next;
        for (const std::string& l : lines)
            for (const std::string& c : operand_choices(f.operands[i])) next.push_back(l + (i ? ", " : " ") + c);
        lines = next;
    }
    std::vector<Variant> out;
    for (const std::string& l : lines)
        if (uses_rs1)
            for (uint32_t v : kValues) out.push_back({l, v});
        else out.push_back({l, 0x5a5a5a5a});
    return out;
}

// The instruction once in system mode, then once in user mode (where it
// traps: the handler skips it), then power-off. The timer is on, so a wfi
// ends; an rfe returns to the next line in system mode.
std::string program(const Variant& v) {
    std::string setup = "        li   a0, " + std::to_string(v.a0) + "\n";
    return ".include \"pg32.inc\"\n"
           "_start: la   t0, handler\n        csrw tvec, t0\n"
           "        li   t0, 20\n        out  TIMER_INTERVAL, t0\n"
           "        la   t0, after\n        csrw epc, t0\n        li   t0, PSW_SYSTEM\n        csrw epsw, t0\n" +
           setup + "        " + v.line + "\n" +
           "after:  la   t0, user\n        csrw epc, t0\n        csrw epsw, zero\n"
           "        li   t0, 0x10000\n        csrw rbound, t0\n        csrw rbase, zero\n        rfe\n"
           "user:\n" +
           setup + "        " + v.line +
           "\n        sys\n"
           "handler:\n        csrr t0, cause\n        li   t1, CAUSE_SYSCALL\n        beq  t0, t1, done\n"
           "        csrr t0, epc\n        addi t0, t0, 4\n        csrw epc, t0\n        rfe\n"
           "done:   out  POWER_OFF, zero\n";
}

// The bare run's record of the instruction in system mode (the first
// record at its address), to see that the table's effects are reported.
std::optional<trace::Record> first_record_at(const Image& image, uint32_t pc) {
    Machine m;
    for (const Segment& s : image.segments) m.load(s.address, s.bytes);
    m.reset(image.entry);
    std::optional<trace::Record> found;
    trace::Recorder recorder(m.priv(), [&](const trace::Record& r) {
        if (!found && r.pc == pc && r.kind == trace::Record::Kind::Step) found = r;
    });
    m.run(100000, recorder);
    return found;
}

void check_effects_reported(const pg32::InsnInfo& insn, const trace::Record& r, const Variant& v) {
    if (insn.effects & pg32::kCsrWrite) CHECK(!r.csrs.empty());
    if (insn.effects & pg32::kPswWrite) CHECK((!r.csrs.empty() && r.csrs[0].csr == pg32::Csr::Psw));
    if (insn.effects & (pg32::kPortIn | pg32::kPortOut)) CHECK(!r.ports.empty());
    bool writes_a0 = v.line.find(" a0") != std::string::npos && !(insn.effects & (pg32::kCsrWrite | pg32::kPortOut));
    if (writes_a0) CHECK(!r.regs.empty());
}

}  // namespace

TEST_CASE("routines: every privileged instruction, emulated and reflected, gives the bare machine's trace") {
    int checked = 0;
    for (const pg32::InsnInfo& insn : pg32::kInsns) {
        if (!insn.privileged) continue;
        for (const Variant& v : variants(insn)) {
            CAPTURE(v.line);
            CAPTURE(v.a0);
            AssembleResult a = assemble_source(program(v), "routine.s");
            REQUIRE(a.ok());
            properties::EquivalenceSetup setup;
            setup.image = &*a.image;
            setup.max_steps = 100000;
            properties::EquivalenceResult r = properties::check_equivalence(setup);
            INFO(r.report);
            CHECK(r.equivalent);
            CHECK(r.steps_bare == r.steps_vmm);
            // The instruction in system mode sits at the first word after the setup.
            uint32_t at = a.image->find_symbol("after")->value - 4;
            std::optional<trace::Record> record = first_record_at(*a.image, at);
            REQUIRE(record);
            check_effects_reported(insn, *record, v);
            ++checked;
        }
    }
    CHECK(checked > 100);
}
