// Fuzzing the CPU: random state, random instruction words, both modes.
//
// The first bytes choose the state (memory size, mode, R, the privileged
// and general registers, the timer, console input); the rest is copied
// into memory as code and data. The machine then runs twice: once with
// hardware trap delivery, once (when it starts in user mode) handing every
// trap to a stand-in monitor. Whatever the words are, only architectural
// traps may happen, never a host fault, and after every instruction:
//   r0 is 0, pc is word-aligned, psw and epsw keep only bits 0-1, tvec and
//   epc are word-aligned; a store in user mode lands inside R and memory;
//   an instruction that traps has changed no register and no memory.
#include "fuzz/harness.hpp"

#include "hardening/entropy.hpp"
#include "machine/machine.hpp"

#include <algorithm>

namespace trapvm::fuzz {

namespace {

constexpr size_t kStateBytes = 96;
constexpr uint64_t kSteps = 2000;

class Invariants : public Observer {
public:
    explicit Invariants(const Machine& m) : m_(m) {}
    std::string problem;

    bool before(uint32_t pc) override {
        writes_ = 0;
        const PrivRegs& p = m_.priv();
        if (pc % 4) fail("pc is not word-aligned");
        if (m_.regs()[0] != 0) fail("r0 is not 0");
        if (p.psw & ~3u) fail("psw has bits other than 0-1");
        if (p.epsw & ~3u) fail("epsw has bits other than 0-1");
        if ((p.tvec | p.epc) % 4) fail("tvec or epc is not word-aligned");
        return false;
    }
    void register_written(int reg, uint32_t, uint32_t) override {
        ++writes_;
        if (reg <= 0 || reg > 15) fail("a write to register " + std::to_string(reg));
    }
    void memory_written(uint32_t address, uint32_t physical, int size, uint32_t, uint32_t) override {
        ++writes_;
        const PrivRegs& p = m_.priv();
        uint64_t end = uint64_t{physical} + static_cast<uint32_t>(size);
        if (end > m_.memory_size()) fail("a store past the end of memory");
        if (!p.system_mode() &&
            (uint64_t{address} + static_cast<uint32_t>(size) > p.rbound || physical != uint64_t{p.rbase} + address))
            fail("a user-mode store outside R");
    }
    void trapped(const Trap& trap, uint32_t epc, bool) override {
        const pg32::CauseInfo* cause = pg32::cause_by_code(static_cast<uint32_t>(trap.cause));
        if (!cause) fail("a trap with an unknown cause");
        else if (!cause->interrupt && writes_) fail("an instruction that trapped changed state");
        if (epc % 4) fail("a trap saved an unaligned epc");
    }

private:
    const Machine& m_;
    int writes_ = 0;
    void fail(const std::string& what) {
        if (problem.empty()) problem = what;
    }
};

uint32_t interesting(hardening::Entropy& e, uint32_t memory) {
    const uint32_t edges[] = {0, 4, memory / 2, memory - 4, memory, memory + 4, 0x7ffffffc, 0xfffffffc, 0xffffffff};
    return e.chance(60) ? edges[e.below(9)] : e.next32();
}

Machine make_machine(Bytes input) {
    hardening::ByteEntropy e(input.first(std::min(input.size(), kStateBytes)));
    uint32_t memory = 1024 * (1 + e.below(16));
    Machine m(MachineConfig{memory});
    Bytes code = input.size() > kStateBytes ? input.subspan(kStateBytes) : Bytes{};
    uint32_t at = e.below(memory / 4) * 4;
    m.load(at, code.first(std::min<size_t>(code.size(), memory - at)));
    m.reset(e.chance(90) ? at : interesting(e, memory) & ~3u);
    for (int r = 1; r < 16; ++r) m.regs().set(r, interesting(e, memory));
    PrivRegs& p = m.priv();
    for (const pg32::CsrInfo& c : pg32::kCsrs) p.write(c.value, interesting(e, memory));
    p.write(pg32::Csr::Psw, e.below(4));
    if (e.chance(50)) p.write(pg32::Csr::Tvec, at);  // a handler that reruns the code
    if (e.chance(40)) m.devices().timer.set_interval(1 + e.below(64), 0);
    m.devices().console.irq_enabled = e.chance(20);
    std::string text;
    for (uint32_t n = e.below(4); n > 0; --n) text += static_cast<char>(e.below(256));
    m.devices().console.input = InputStream::from_bytes(text);
    return m;
}

std::string run_with_hardware_traps(Machine m) {
    Invariants check(m);
    m.run(kSteps, check);
    return check.problem;
}

// As a monitor would: every trap stops run() before it changes anything;
// skip the instruction (or acknowledge the interrupt) and go on.
std::string run_with_monitor_traps(Machine m) {
    m.set_trap_delivery(TrapDelivery::ToMonitor);
    Invariants check(m);
    for (int exits = 0; exits < 64 && !m.stopped() && check.problem.empty(); ++exits) {
        RunResult r = m.run(kSteps / 64, check);
        if (r.kind != RunResult::Kind::Exit) continue;
        if (m.priv().system_mode()) return "the machine entered system mode without the monitor";
        if (r.trap.is_interrupt()) {
            m.devices().timer.pending = false;
            m.devices().console.irq_enabled = false;
        } else {
            m.set_pc(m.pc() + 4);
        }
    }
    return check.problem;
}

}  // namespace

std::string cpu_one(Bytes input) {
    Machine m = make_machine(input);
    if (std::string problem = run_with_hardware_traps(m); !problem.empty()) return "hardware traps: " + problem;
    if (m.priv().system_mode()) return "";
    std::string problem = run_with_monitor_traps(m);
    return problem.empty() ? "" : "monitor traps: " + problem;
}

}  // namespace trapvm::fuzz
