// Privileged registers and the trap sequence (see cpu_state.hpp).
#include "machine/cpu_state.hpp"

namespace trapvm {

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
