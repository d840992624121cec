// Semantics of branches, jumps and the two trapping instructions.
// Branch and jump offsets arrive in bytes (the decoder multiplied by 4).
#pragma once

#include "machine/semantics/alu.hpp"

namespace trapvm::sem {

template <class H> PG32_SEMANTICS void branch(H& h, Insn i, bool taken) {
    if (taken) h.jump_by(i.imm);
}

template <class H> PG32_SEMANTICS void exec_Beq(H& h, Insn i) { branch(h, i, h.reg(i.rs1) == h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_Bne(H& h, Insn i) { branch(h, i, h.reg(i.rs1) != h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_Blt(H& h, Insn i) { branch(h, i, lt_signed(h.reg(i.rs1), h.reg(i.rs2))); }
template <class H> PG32_SEMANTICS void exec_Bge(H& h, Insn i) { branch(h, i, !lt_signed(h.reg(i.rs1), h.reg(i.rs2))); }
template <class H> PG32_SEMANTICS void exec_Bltu(H& h, Insn i) { branch(h, i, h.reg(i.rs1) < h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_Bgeu(H& h, Insn i) { branch(h, i, h.reg(i.rs1) >= h.reg(i.rs2)); }

template <class H> PG32_SEMANTICS void exec_Jal(H& h, Insn i) {
    h.set(i.rd, h.pc() + 4);
    h.jump_by(i.imm);
}

// jalr computes the target before writing rd (rd may equal rs1), and an
// unaligned target traps here, at the jalr, with rd unchanged.
template <class H> PG32_SEMANTICS MaybeTrap exec_Jalr(H& h, Insn i) {
    uint32_t target = h.reg(i.rs1) + static_cast<uint32_t>(i.imm);
    if (target & 3) return Trap{Cause::Misaligned, target};
    h.set(i.rd, h.pc() + 4);
    h.jump(target);
    return {};
}

template <class H> PG32_SEMANTICS MaybeTrap exec_Sys(H&, Insn) { return Trap{Cause::Syscall}; }
template <class H> PG32_SEMANTICS MaybeTrap exec_Brk(H&, Insn) { return Trap{Cause::Breakpoint}; }

}  // namespace trapvm::sem
