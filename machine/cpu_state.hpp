// The programmer-visible state of a PG32 processor, and the trap sequence.
//
// PrivRegs is used twice: by the real machine, and by the monitor as the
// virtual CPU's shadow registers. apply_trap() is the single place in trapvm
// that performs the trap sequence; the monitor reflects a trap into a guest by
// calling it on the virtual registers.
#pragma once

#include "isa-spec/isa.hpp"

#include <array>
#include <cstdint>

namespace trapvm {

// A trap as a value: what instruction semantics return instead of jumping.
// badaddr is the faulting address (BOUNDS, MISALIGNED), the instruction word
// (ILLEGAL, PRIVILEGED) or 0, as causes.tbl says.
struct Trap {
    pg32::Cause cause{};
    uint32_t badaddr = 0;

    bool is_interrupt() const { return pg32::cause_by_code(static_cast<uint32_t>(cause))->interrupt; }
    friend bool operator==(const Trap&, const Trap&) = default;
};

// The privileged registers (csrs.tbl), by name.
struct PrivRegs {
    uint32_t psw = pg32::PSW_SYSTEM;  // reset: system mode, interrupts off
    uint32_t tvec = 0;
    uint32_t epc = 0;
    uint32_t epsw = 0;
    uint32_t cause = 0;
    uint32_t badaddr = 0;
    uint32_t rbase = 0;
    uint32_t rbound = 0;
    uint32_t scratch = 0;

    bool system_mode() const { return psw & pg32::PSW_SYSTEM; }
    bool interrupts_enabled() const { return psw & pg32::PSW_IE; }

    // csrr and csrw. write() keeps only the bits the register has.
    uint32_t read(pg32::Csr csr) const;
    void write(pg32::Csr csr, uint32_t value);

    friend bool operator==(const PrivRegs&, const PrivRegs&) = default;
};

// csr number -> the bits csrw can change (csrs.tbl), as a lookup.
constexpr std::array<uint32_t, pg32::kCsrNumberLimit> kCsrWritable = [] {
    std::array<uint32_t, pg32::kCsrNumberLimit> masks{};
    for (const pg32::CsrInfo& c : pg32::kCsrs) masks.at(static_cast<size_t>(c.value)) = c.writable;
    return masks;
}();

// Inline: a monitor emulates csrr and csrw at most of its exits.
inline uint32_t PrivRegs::read(pg32::Csr csr) const {
    using pg32::Csr;
    switch (csr) {
    case Csr::Psw: return psw;
    case Csr::Tvec: return tvec;
    case Csr::Epc: return epc;
    case Csr::Epsw: return epsw;
    case Csr::Cause: return cause;
    case Csr::Badaddr: return badaddr;
    case Csr::Rbase: return rbase;
    case Csr::Rbound: return rbound;
    case Csr::Scratch: return scratch;
    }
    return 0;
}

inline void PrivRegs::write(pg32::Csr csr, uint32_t value) {
    using pg32::Csr;
    value &= kCsrWritable.at(static_cast<size_t>(csr));  // a Csr is always a row of csrs.tbl
    switch (csr) {
    case Csr::Psw: psw = value; break;
    case Csr::Tvec: tvec = value; break;
    case Csr::Epc: epc = value; break;
    case Csr::Epsw: epsw = value; break;
    case Csr::Cause: cause = value; break;
    case Csr::Badaddr: badaddr = value; break;
    case Csr::Rbase: rbase = value; break;
    case Csr::Rbound: rbound = value; break;
    case Csr::Scratch: scratch = value; break;
    }
}

// The trap sequence (pg32-reference.md section 5):
//   epc <- epc_value; epsw <- psw; cause, badaddr <- the trap's;
//   psw <- system mode, interrupts off; pc <- tvec.
// epc_value is the trapping instruction's address, or for an interrupt the
// next instruction's.
void apply_trap(PrivRegs& priv, uint32_t& pc, const Trap& trap, uint32_t epc_value);

// Where a trap goes. The one policy around apply_trap(), for the machine
// and for the monitor reflecting or injecting a trap into a guest alike:
//   Handled    the trap sequence ran: the handler at tvec runs next
//   NoHandler  tvec is 0: nothing changes, the machine stops (status 125)
//   Loop       the sequence would change nothing: the handler's first
//              instruction trapped again, exactly as before. No instruction
//              can retire and no interrupt can come (IE is off), so it would
//              repeat forever without time passing; nothing changes, and the
//              machine stops as deadlocked (status 126), like wfi with no
//              interrupt possible. It is reached by the third trap at most.
enum class TrapFate : uint8_t { Handled, NoHandler, Loop };
TrapFate take_trap(PrivRegs& priv, uint32_t& pc, const Trap& trap, uint32_t epc_value);

// rfe: pc <- epc; psw <- epsw.
void apply_rfe(PrivRegs& priv, uint32_t& pc);

// The general registers. r0 reads as zero; writes to it land in a sink slot
// (index 16) that nothing reads, so no instruction has to test rd == 0.
struct Registers {
    static constexpr int kSink = 16;
    uint32_t x[17] = {};

    uint32_t operator[](int r) const { return x[r]; }
    void set(int r, uint32_t value) {
        x[r] = value;
        x[0] = 0;
    }
    friend bool operator==(const Registers& a, const Registers& b) {
        for (int i = 0; i < 16; ++i)
            if (a.x[i] != b.x[i]) return false;
        return true;
    }
};

}  // namespace trapvm
