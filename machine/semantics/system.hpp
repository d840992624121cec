// Semantics of the privileged instructions. The run loop has already checked
// the mode: in user mode these never get here (they trap with PRIVILEGED).
#pragma once

#include "machine/hart.hpp"

namespace trapvm::sem {

PG32_SEMANTICS pg32::Csr csr_of(const Insn& i) { return static_cast<pg32::Csr>(i.imm); }

template <class H> PG32_SEMANTICS void exec_Csrr(H& h, Insn i) { h.set(i.rd, h.priv().read(csr_of(i))); }

template <class H> PG32_SEMANTICS void exec_Csrw(H& h, Insn i) {
    uint32_t old = h.priv().read(csr_of(i));
    h.priv().write(csr_of(i), h.reg(i.rs1));
    h.obs.csr_written(csr_of(i), old, h.priv().read(csr_of(i)));
}

template <class H> PG32_SEMANTICS void exec_Rfe(H& h, Insn) {
    uint32_t old_psw = h.priv().psw, next = 0;
    apply_rfe(h.priv(), next);  // next <- epc (a local: the Hart's address must not escape the run loop)
    h.jump(next);
    h.obs.csr_written(pg32::Csr::Psw, old_psw, h.priv().psw);
}

template <class H> PG32_SEMANTICS void exec_Wfi(H& h, Insn) { h.wait_for_interrupt(); }

template <class H> PG32_SEMANTICS void exec_Halt(H& h, Insn) { h.halt(); }

template <class H> PG32_SEMANTICS void exec_In(H& h, Insn i) {
    uint32_t port = static_cast<uint32_t>(i.imm);
    std::optional<uint32_t> value = h.devices().in(port, h.now());
    h.obs.port_accessed(port, value.value_or(0xffffffffu), false);
    h.set(i.rd, value.value_or(0xffffffffu));  // no device drives the bus: all ones
    h.device_stop();                           // Ctrl-C while waiting for input
}

template <class H> PG32_SEMANTICS void exec_Out(H& h, Insn i) {
    uint32_t port = static_cast<uint32_t>(i.imm);
    h.obs.port_accessed(port, h.reg(i.rs1), true);
    h.devices().out(port, h.reg(i.rs1), h.now());
    h.device_stop();  // power-off, the output limit, a failed write
}

}  // namespace trapvm::sem
