// The instruction classifier (classify.hpp): random states, paired runs on
// the machine, and the comparisons the definitions ask for.
#include "properties/classify.hpp"

#include "properties/classify_runner.hpp"

#include <algorithm>
#include <optional>
#include <random>

namespace trapvm::properties {
namespace {

using classify_detail::Compare;
using classify_detail::kBase1;
using classify_detail::kBase2;
using classify_detail::kMemory;
using classify_detail::kWindow;
using classify_detail::Outcome;
using classify_detail::Runner;

// Edge values, addresses inside the window, and anything.
uint32_t random_value(std::mt19937_64& rng) {
    static constexpr uint32_t kEdges[] = {0, 1, 2, 3, 4, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0xfffffffcu};
    switch (rng() % 4) {
    case 0: return kEdges[rng() % std::size(kEdges)];
    case 1: return static_cast<uint32_t>(rng() % kWindow) & ~3u;  // a word in the window
    case 2: return static_cast<uint32_t>(rng() % kWindow);
    default: return static_cast<uint32_t>(rng());
    }
}

int32_t random_imm(pg32::Op op, std::mt19937_64& rng) {
    const pg32::FormatInfo& f = pg32::format_info(op);
    for (int i = 0; i < f.operand_count; ++i) {
        pg32::OperandKind k = f.operands[i];
        if (k == pg32::OperandKind::Csr) return static_cast<int32_t>(pg32::kCsrs[rng() % pg32::kCsrCount].value);
        if (k == pg32::OperandKind::Port) return static_cast<int32_t>(pg32::kPorts[rng() % pg32::kPortCount].value);
        if (k == pg32::OperandKind::Rd || k == pg32::OperandKind::Rs1 || k == pg32::OperandKind::Rs2) continue;
        pg32::Range r = pg32::operand_range(k);
        int64_t small = static_cast<int64_t>(rng() % 64) - 32, v;
        switch (rng() % 3) {
        case 0: v = (rng() % 2) ? r.min : r.max; break;
        case 1: v = small * r.step; break;
        default: v = r.min + static_cast<int64_t>(rng() % static_cast<uint64_t>(r.max - r.min + 1));
        }
        v = std::clamp<int64_t>(v - v % r.step, r.min, r.max);
        return static_cast<int32_t>(v);
    }
    return 0;
}

uint32_t random_word(pg32::Op op, std::mt19937_64& rng) {
    const pg32::FormatInfo& f = pg32::format_info(op);
    pg32::Decoded d;
    d.op = op;
    d.rd = f.rd.lo >= 0 ? static_cast<uint8_t>(rng() % 16) : 0;
    d.rs1 = f.rs1.lo >= 0 ? static_cast<uint8_t>(rng() % 16) : 0;
    d.rs2 = f.rs2.lo >= 0 ? static_cast<uint8_t>(rng() % 16) : 0;
    d.imm = random_imm(op, rng);
    return pg32::encode(d).value_or(static_cast<uint32_t>(pg32::info(op).opcode) << 24);
}

// A state before the mode and R are chosen: the instruction, where it is,
// the registers, the privileged registers. tvec is 0: a trap changes
// nothing and stops the machine, so the run shows it as it was.
CheckState random_state(pg32::Op op, std::mt19937_64& rng) {
    CheckState s;
    s.word = random_word(op, rng);
    s.pc = static_cast<uint32_t>(rng() % (kWindow / 4)) * 4;
    for (int r = 1; r < 16; ++r) s.regs[r] = random_value(rng);
    s.priv.psw = (rng() % 2) ? pg32::PSW_IE : 0;
    s.priv.epc = random_value(rng) & ~3u;
    s.priv.epsw = static_cast<uint32_t>(rng() % 4);
    s.priv.cause = random_value(rng);
    s.priv.badaddr = random_value(rng);
    s.priv.scratch = random_value(rng);
    return s;
}

CheckState with(CheckState s, bool system, uint32_t rbase, uint32_t rbound) {
    s.priv.psw = (s.priv.psw & pg32::PSW_IE) | (system ? pg32::PSW_SYSTEM : 0);
    s.priv.rbase = rbase;
    s.priv.rbound = rbound;
    return s;
}

bool is_memory_trap(const Outcome& o) {
    return o.trapped && (o.trap.cause == pg32::Cause::Bounds || o.trap.cause == pg32::Cause::Misaligned);
}
bool is_privileged_trap(const Outcome& o) { return o.trapped && o.trap.cause == pg32::Cause::Privileged; }

// What one instruction's runs have found so far.
struct Findings {
    InsnVerdict& v;
    uint64_t pairs = 0;  // mode pairs without memory traps
    bool not_privileged = false;
    bool user_control = false, user_location = false, user_interrupt = false;

    void add(const char* kind, const CheckState& a, const CheckState& b, bool pair, std::vector<FieldDiff> fields) {
        for (const Witness& w : v.witnesses)
            if (w.kind == kind) return;  // the first witness of each kind
        v.witnesses.push_back(Witness{kind, a, b, pair, std::move(fields)});
    }
};

// Control sensitivity: the execution changed privileged state without a trap.
void check_control(Findings& f, const CheckState& s, const Outcome& o) {
    if (o.trapped) return;
    std::vector<FieldDiff> d = classify_detail::control_changes(s, o);
    if (d.empty()) return;
    f.v.measured.control = true;
    if (!(s.priv.psw & pg32::PSW_SYSTEM)) f.user_control = true;
    f.add("control", s, classify_detail::state_after(s, o), false, std::move(d));
}

void mode_pair(Findings& f, Runner& run, const CheckState& base, const std::vector<uint8_t>& mem) {
    CheckState sys = with(base, true, 0, kMemory), usr = with(base, false, 0, kMemory);
    Outcome os = run(sys, mem, base.pc), ou = run(usr, mem, base.pc);
    f.v.runs += 2;
    check_control(f, sys, os);
    check_control(f, usr, ou);
    if (is_memory_trap(os) || is_memory_trap(ou)) {
        ++f.v.excluded;
        return;
    }
    ++f.pairs;
    if (ou.trapped && !os.trapped && is_privileged_trap(ou))
        f.add("privileged", sys, usr, true, {{"trap", 0, static_cast<uint32_t>(ou.trap.cause)}});
    else f.not_privileged = true;
    if (is_privileged_trap(ou)) return;  // the privilege itself, not mode sensitivity
    std::vector<FieldDiff> d = classify_detail::differences(os, ou, Compare::Mode);
    if (d.empty()) return;
    f.v.measured.mode = true;
    f.add("mode", sys, usr, true, std::move(d));
}

void location_pair(Findings& f, Runner& run, const CheckState& base, bool system, const std::vector<uint8_t>& mem1,
                   const std::vector<uint8_t>& mem2) {
    CheckState a = with(base, system, kBase1, kWindow), b = with(base, system, kBase2, kWindow);
    Outcome oa = run(a, mem1, system ? base.pc : kBase1 + base.pc);  // system mode: R does not relocate
    Outcome ob = run(b, system ? mem1 : mem2, system ? base.pc : kBase2 + base.pc);
    f.v.runs += 2;
    check_control(f, a, oa);
    check_control(f, b, ob);
    if (is_memory_trap(oa) || is_memory_trap(ob)) {
        ++f.v.excluded;
        return;
    }
    std::vector<FieldDiff> d =
        classify_detail::differences(oa, ob, system ? Compare::LocationSystem : Compare::LocationUser);
    if (d.empty()) return;
    f.v.measured.location = true;
    if (!system) f.user_location = true;
    f.add("location", a, b, true, std::move(d));
}

// The interrupt pair: two user-mode states that differ only in the psw's
// interrupt-enable bit, which a monitor keeps its own while the guest's
// virtual user mode runs directly. A result that differs beyond that bit
// makes the instruction user-sensitive (Theorem 3) though no mode pair
// shows it: in virtual user mode the real mode is the virtual one, but the
// real interrupt-enable bit is the monitor's.
void interrupt_pair(Findings& f, Runner& run, const CheckState& base, const std::vector<uint8_t>& mem) {
    CheckState off = with(base, false, 0, kMemory), on = off;
    off.priv.psw &= ~pg32::PSW_IE;
    on.priv.psw |= pg32::PSW_IE;
    Outcome o0 = run(off, mem, base.pc), o1 = run(on, mem, base.pc);
    f.v.runs += 2;
    if (is_memory_trap(o0) || is_memory_trap(o1)) {
        ++f.v.excluded;
        return;
    }
    std::vector<FieldDiff> d = classify_detail::differences(o0, o1, Compare::Interrupt);
    if (d.empty()) return;
    f.user_interrupt = true;
    f.add("user", off, on, true, std::move(d));
}

// The memories of one instruction's runs (classify_one).
struct Memories {
    std::vector<uint8_t> first, second;  // the windows at kBase1 and kBase2 agree, nothing else does
};

// An interrupt-pair witness from state a (user mode, interrupts off), or nothing.
std::optional<Witness> probe_interrupt(const CheckState& a, Runner& run, const Memories& m) {
    CheckState b = a;
    b.priv.psw |= pg32::PSW_IE;
    Outcome oa = run(a, m.first, a.pc), ob = run(b, m.first, a.pc);
    if (is_memory_trap(oa) || is_memory_trap(ob)) return std::nullopt;
    std::vector<FieldDiff> d = classify_detail::differences(oa, ob, Compare::Interrupt);
    if (d.empty()) return std::nullopt;
    return Witness{"user", a, b, true, d};
}

// w again from state a (w.a's mode and R): the fields that differ now, or
// nothing when a is no witness of w's kind.
std::optional<Witness> probe(const Witness& w, const CheckState& a, Runner& run, const Memories& m) {
    bool system = a.priv.psw & pg32::PSW_SYSTEM;
    if (w.kind == "control") {
        const std::vector<uint8_t>& mem = !system && a.priv.rbase == kBase2 ? m.second : m.first;
        Outcome o = run(a, mem, system ? a.pc : a.priv.rbase + a.pc);
        if (o.trapped) return std::nullopt;
        std::vector<FieldDiff> d = classify_detail::control_changes(a, o);
        if (d.empty()) return std::nullopt;
        return Witness{w.kind, a, classify_detail::state_after(a, o), false, d};
    }
    if (w.kind == "user") return probe_interrupt(a, run, m);
    bool location = w.kind == "location";
    CheckState b = location ? with(a, system, kBase2, kWindow) : with(a, false, 0, kMemory);
    bool user_location = location && !system;
    Outcome oa = run(a, m.first, user_location ? kBase1 + a.pc : a.pc);
    Outcome ob = run(b, user_location ? m.second : m.first, user_location ? kBase2 + a.pc : a.pc);
    if (is_memory_trap(oa) || is_memory_trap(ob)) return std::nullopt;
    if (w.kind == "privileged") {
        if (oa.trapped || !is_privileged_trap(ob)) return std::nullopt;
        return Witness{w.kind, a, b, true, {{"trap", 0, static_cast<uint32_t>(ob.trap.cause)}}};
    }
    if (!location && is_privileged_trap(ob)) return std::nullopt;
    Compare how = !location ? Compare::Mode : system ? Compare::LocationSystem : Compare::LocationUser;
    std::vector<FieldDiff> d = classify_detail::differences(oa, ob, how);
    if (d.empty()) return std::nullopt;
    return Witness{w.kind, a, b, true, d};
}

// A smaller witness: each register and free csr of the first state set to
// 0 while that keeps it a witness, so what is left is what the finding needs.
Witness shrink(const Witness& w, Runner& run, const Memories& m) {
    Witness best = w;
    auto attempt = [&](uint32_t& field) {  // field: one of best.a's
        if (field == 0) return;
        uint32_t saved = field;
        field = 0;
        CheckState tried = best.a;
        field = saved;
        if (std::optional<Witness> smaller = probe(best, tried, run, m)) best = *smaller;
    };
    for (int r = 1; r < 16; ++r) attempt(best.a.regs[r]);
    for (uint32_t* f :
         {&best.a.priv.epc, &best.a.priv.epsw, &best.a.priv.cause, &best.a.priv.badaddr, &best.a.priv.scratch})
        attempt(*f);
    return best;
}

InsnVerdict classify_one(pg32::Op op, const ClassifyOptions& o, Runner& run) {
    InsnVerdict v;
    v.op = op;
    v.declared = declared_class(op);
    std::mt19937_64 rng(o.seed * 0x9e3779b97f4a7c15ull + static_cast<uint64_t>(op) + 1);
    // Two memories whose windows at kBase1 and kBase2 agree, and nothing else.
    Memories mems{std::vector<uint8_t>(kMemory), std::vector<uint8_t>(kMemory)};
    std::vector<uint8_t>&mem1 = mems.first, &mem2 = mems.second;
    for (uint8_t& b : mem1) b = static_cast<uint8_t>(rng());
    for (uint8_t& b : mem2) b = static_cast<uint8_t>(rng());
    std::copy(mem1.begin() + kBase1, mem1.begin() + kBase1 + kWindow, mem2.begin() + kBase2);
    Findings f{v};
    for (uint32_t k = 0; k < o.states; ++k) {
        CheckState base = random_state(op, rng);
        mode_pair(f, run, base, mem1);
        location_pair(f, run, base, false, mem1, mem2);
        location_pair(f, run, base, true, mem1, mem2);
        interrupt_pair(f, run, base, mem1);
    }
    v.measured.privileged = f.pairs > 0 && !f.not_privileged;
    if (!v.measured.privileged) std::erase_if(v.witnesses, [](const Witness& w) { return w.kind == "privileged"; });
    for (Witness& w : v.witnesses) w = shrink(w, run, mems);
    v.measured.user_sensitive = f.user_control || f.user_location || f.user_interrupt;
    v.agree = class_text(v.declared) == class_text(v.measured);
    return v;
}

}  // namespace

std::string class_text(const InsnClass& c) {
    if (!c.privileged && !c.sensitive()) return "innocuous";
    std::string s;
    for (auto [on, name] : {std::pair{c.control, "control"}, {c.mode, "mode"}, {c.location, "location"}})
        if (on) s += (s.empty() ? "" : "+") + std::string(name);
    if (c.privileged) return s.empty() ? "privileged" : "privileged:" + s;
    return "unprivileged:" + s + (c.user_sensitive ? "" : "@system");
}

InsnClass declared_class(pg32::Op op) {
    const pg32::InsnInfo& i = pg32::info(op);
    InsnClass c;
    c.privileged = i.privileged;
    c.control = i.sensitivity & pg32::kControlSensitive;
    c.mode = i.sensitivity & pg32::kModeSensitive;
    c.location = i.sensitivity & pg32::kLocationSensitive;
    c.user_sensitive = c.sensitive() && !i.system_only;
    return c;
}

// Whether the word traps to the monitor from user mode in guest mode, as the
// guest-mode extension promises for a sensitive instruction.
static bool exits_in_guest_mode(const pg32::ProfileInfo& profile, uint32_t word) {
    Machine m(MachineConfig{.memory_size = kWindow, .profile = &profile});
    uint8_t bytes[4] = {static_cast<uint8_t>(word), static_cast<uint8_t>(word >> 8), static_cast<uint8_t>(word >> 16),
                        static_cast<uint8_t>(word >> 24)};
    m.load(0, bytes);
    m.set_trap_delivery(TrapDelivery::ToMonitor);
    m.set_mode_and_r(pg32::PSW_IE, 0, kWindow);  // user mode, R the whole window
    m.set_pc(0);
    m.enter_guest_mode();
    RunResult r = m.run(1);
    return r.kind == RunResult::Kind::Exit && r.trap.cause == pg32::Cause::Privileged && r.trap.badaddr == word;
}

// Theorem 1 in guest mode: every measured-sensitive instruction traps there,
// from states (words) of the same random kind as the classifier's.
static TheoremVerdict guest_mode_verdict(const ClassifyReport& r, const ClassifyOptions& options) {
    TheoremVerdict v;
    std::mt19937_64 rng(options.seed);
    for (const InsnVerdict& i : r.instructions) {
        if (!i.measured.sensitive()) continue;
        bool all = true;
        for (uint32_t n = 0; n < std::min<uint32_t>(options.states, 64); ++n)
            all = all && exits_in_guest_mode(*r.profile, random_word(i.op, rng));
        if (all) continue;
        v.holds = false;
        v.violators.push_back(pg32::info(i.op).mnemonic);
    }
    return v;
}

bool ClassifyReport::all_agree() const {
    for (const InsnVerdict& v : instructions)
        if (!v.agree) return false;
    return true;
}

ClassifyReport classify(const ClassifyOptions& options) {
    ClassifyReport r;
    r.profile = options.profile;
    r.seed = options.seed;
    r.states = options.states;
    Runner run(*options.profile);
    for (int i = 0; i < pg32::kOpCount; ++i) {
        pg32::Op op = static_cast<pg32::Op>(i);
        if (!pg32::in_profile(op, *options.profile)) continue;
        InsnVerdict v = classify_one(op, options, run);
        const InsnClass& m = v.measured;
        if (m.sensitive() && !m.privileged) {
            r.theorem1.holds = false;
            r.theorem1.violators.push_back(pg32::info(op).mnemonic);
            if (m.user_sensitive) {
                r.theorem3.holds = false;
                r.theorem3.violators.push_back(pg32::info(op).mnemonic);
            }
        }
        r.instructions.push_back(std::move(v));
    }
    if (options.profile->guest_mode) r.guest_mode_theorem1 = guest_mode_verdict(r, options);
    return r;
}

}  // namespace trapvm::properties
