// Running one instruction for the classifier, and comparing results.
#include "properties/classify_runner.hpp"

#include <cstdio>
#include <cstring>

namespace trapvm::properties::classify_detail {

Runner::Runner(const pg32::ProfileInfo& profile)
    : m_(MachineConfig{.memory_size = kMemory, .profile = &profile}), input_(InputStream::from_bytes("ab")) {}

Outcome Runner::operator()(const CheckState& s, const std::vector<uint8_t>& memory, uint32_t physical) {
    m_.load(0, memory);
    m_.write_physical(physical, s.word, 4);
    m_.reset(s.pc);
    for (int r = 1; r < 16; ++r) m_.regs().set(r, s.regs[r]);
    m_.priv() = s.priv;
    m_.devices().console.input = input_;
    m_.run(1);
    Outcome o;
    // tvec is 0: a trap stops the machine and changes nothing. One after the
    // instruction retired is an interrupt it enabled, not its own trap.
    bool unhandled = m_.stop().reason == StopReason::UnhandledTrap;
    o.trapped = unhandled && m_.steps() == 0;
    o.trap = m_.stop().trap;
    for (int r = 0; r < 16; ++r) o.regs[r] = m_.regs()[r];
    o.pc = m_.pc();
    o.priv = m_.priv();
    std::memcpy(o.memory.data(), m_.memory().data(), kMemory);
    const Devices& d = m_.devices();
    o.console_out = d.console.bytes_written;
    o.console_in = d.console.input_pos + (d.console.irq_enabled ? 1ull << 32 : 0);
    o.timer = d.timer.interval + (d.timer.next != Timer::kNever ? 1ull << 32 : 0) + (d.timer.pending ? 2ull << 32 : 0);
    o.power = d.power.off ? 1 + d.power.status : 0;
    o.run_state = m_.stopped() && !unhandled ? 2 + static_cast<uint32_t>(m_.stop().reason) : m_.waiting() ? 1 : 0;
    return o;
}

namespace {

struct Diffs {
    std::vector<FieldDiff> out;
    void check(const char* field, uint64_t a, uint64_t b) {  // a name only for a difference: this runs often
        if (a != b) out.push_back({field, static_cast<uint32_t>(a), static_cast<uint32_t>(b)});
    }
};

void memory(Diffs& d, const Outcome& a, const Outcome& b, uint32_t from_a, uint32_t from_b, uint32_t size) {
    if (std::memcmp(a.memory.data() + from_a, b.memory.data() + from_b, size) == 0) return;
    for (uint32_t i = 0; i < size; i += 4) {
        uint32_t wa, wb;
        std::memcpy(&wa, a.memory.data() + from_a + i, 4);
        std::memcpy(&wb, b.memory.data() + from_b + i, 4);
        if (wa == wb) continue;
        char name[32];
        std::snprintf(name, sizeof name, "memory 0x%08x", i);
        d.check(name, wa, wb);
    }
}

void devices(Diffs& d, const Outcome& a, const Outcome& b) {
    d.check("console output", a.console_out, b.console_out);
    d.check("console input", a.console_in, b.console_in);
    d.check("timer", a.timer, b.timer);
    d.check("power", a.power, b.power);
    d.check("run state", a.run_state, b.run_state);
}

}  // namespace

std::vector<FieldDiff> differences(const Outcome& a, const Outcome& b, Compare how) {
    Diffs d;
    d.check("trap", a.trapped ? static_cast<uint32_t>(a.trap.cause) : 0,
            b.trapped ? static_cast<uint32_t>(b.trap.cause) : 0);
    if (a.trapped || b.trapped) {
        if (a.trapped && b.trapped) d.check("badaddr", a.trap.badaddr, b.trap.badaddr);
        return d.out;  // a trap changes nothing (tvec is 0)
    }
    for (int r = 1; r < 16; ++r) d.check(pg32::register_name(r), a.regs[r], b.regs[r]);
    d.check("pc", a.pc, b.pc);
    if (how == Compare::LocationUser) memory(d, a, b, kBase1, kBase2, kWindow);
    else memory(d, a, b, 0, 0, kMemory);
    uint32_t mode_mask = how == Compare::Mode ? ~pg32::PSW_SYSTEM : how == Compare::Interrupt ? ~pg32::PSW_IE : ~0u;
    d.check("psw", a.priv.psw & mode_mask, b.priv.psw & mode_mask);
    for (const pg32::CsrInfo& c : pg32::kCsrs) {
        bool is_r = c.value == pg32::Csr::Rbase || c.value == pg32::Csr::Rbound;
        if (c.value == pg32::Csr::Psw || (is_r && (how == Compare::LocationUser || how == Compare::LocationSystem)))
            continue;  // R is what the pair shifts
        d.check(c.name, a.priv.read(c.value), b.priv.read(c.value));
    }
    devices(d, a, b);
    return d.out;
}

std::vector<FieldDiff> control_changes(const CheckState& s, const Outcome& o) {
    Diffs d;
    for (const pg32::CsrInfo& c : pg32::kCsrs) d.check(c.name, s.priv.read(c.value), o.priv.read(c.value));
    Outcome before;  // devices and run state as reset() leaves them
    before.timer = 0;
    devices(d, before, o);
    return d.out;
}

CheckState state_after(const CheckState& s, const Outcome& o) {
    CheckState after = s;
    for (int r = 0; r < 16; ++r) after.regs[r] = o.regs[r];
    after.pc = o.pc;
    after.priv = o.priv;
    return after;
}

}  // namespace trapvm::properties::classify_detail
