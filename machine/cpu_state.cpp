// Privileged registers and the trap sequence (see cpu_state.hpp).
#include "machine/cpu_state.hpp"

#include <array>

namespace trapvm {

using pg32::Csr;

namespace {

// csr number -> the bits csrw can change (csrs.tbl), as a lookup.
constexpr std::array<uint32_t, pg32::kCsrNumberLimit> make_writable() {
    std::array<uint32_t, pg32::kCsrNumberLimit> masks{};
    for (const pg32::CsrInfo& c : pg32::kCsrs) masks.at(static_cast<size_t>(c.value)) = c.writable;
    return masks;
}
constexpr std::array<uint32_t, pg32::kCsrNumberLimit> kWritable = make_writable();

}  // namespace

uint32_t PrivRegs::read(Csr csr) const {
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

void PrivRegs::write(Csr csr, uint32_t value) {
    value &= kWritable.at(static_cast<size_t>(csr));  // a Csr is always a row of csrs.tbl
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

void apply_trap(PrivRegs& priv, uint32_t& pc, const Trap& trap, uint32_t epc_value) {
    priv.epc = epc_value;
    priv.epsw = priv.psw;
    priv.cause = static_cast<uint32_t>(trap.cause);
    priv.badaddr = trap.badaddr;
    priv.psw = pg32::PSW_SYSTEM;  // system mode, interrupts off
    pc = priv.tvec;
}

// The trap sequence would leave every register as it is.
static bool trap_repeats_forever(const PrivRegs& priv, uint32_t pc, const Trap& trap, uint32_t epc_value) {
    return pc == priv.tvec && priv.epc == epc_value && priv.epsw == priv.psw &&
           priv.cause == static_cast<uint32_t>(trap.cause) && priv.badaddr == trap.badaddr &&
           priv.psw == pg32::PSW_SYSTEM;
}

TrapFate take_trap(PrivRegs& priv, uint32_t& pc, const Trap& trap, uint32_t epc_value) {
    if (priv.tvec == 0) return TrapFate::NoHandler;
    if (trap_repeats_forever(priv, pc, trap, epc_value)) return TrapFate::Loop;
    apply_trap(priv, pc, trap, epc_value);
    return TrapFate::Handled;
}

void apply_rfe(PrivRegs& priv, uint32_t& pc) {
    pc = priv.epc;
    priv.psw = priv.epsw;
}

}  // namespace trapvm
