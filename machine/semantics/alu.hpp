// Semantics of the arithmetic and logic instructions (instructions.tbl).
//
// Each function is one instruction: it reads its operands from the Hart,
// computes, and writes rd. `i` arrives decoded: i.imm is already sign- or
// zero-extended as the instruction's format says. An instruction that can
// trap (its row names traps) returns MaybeTrap, the others nothing: the run
// loop checks that the table and the semantics agree.
#pragma once

#include "machine/hart.hpp"

namespace trapvm::sem {

using pg32::Cause;

PG32_SEMANTICS uint32_t sra(uint32_t v, uint32_t n) {
    return static_cast<uint32_t>(static_cast<int32_t>(v) >> (n & 31));
}
PG32_SEMANTICS bool lt_signed(uint32_t a, uint32_t b) { return static_cast<int32_t>(a) < static_cast<int32_t>(b); }
PG32_SEMANTICS uint32_t imm(const Insn& i) { return static_cast<uint32_t>(i.imm); }

// ---- register-register
template <class H> PG32_SEMANTICS void exec_Add(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) + h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_Sub(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) - h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_And(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) & h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_Or(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) | h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_Xor(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) ^ h.reg(i.rs2)); }
template <class H> PG32_SEMANTICS void exec_Sll(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) << (h.reg(i.rs2) & 31)); }
template <class H> PG32_SEMANTICS void exec_Srl(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) >> (h.reg(i.rs2) & 31)); }
template <class H> PG32_SEMANTICS void exec_Sra(H& h, Insn i) { h.set(i.rd, sra(h.reg(i.rs1), h.reg(i.rs2))); }
template <class H> PG32_SEMANTICS void exec_Slt(H& h, Insn i) { h.set(i.rd, lt_signed(h.reg(i.rs1), h.reg(i.rs2))); }
template <class H> PG32_SEMANTICS void exec_Sltu(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) < h.reg(i.rs2)); }

// ---- multiply: the low or high 32 bits of the 64-bit product
template <class H> PG32_SEMANTICS void exec_Mul(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) * h.reg(i.rs2)); }

template <class H> PG32_SEMANTICS void exec_Mulh(H& h, Insn i) {
    int64_t product = int64_t{static_cast<int32_t>(h.reg(i.rs1))} * static_cast<int32_t>(h.reg(i.rs2));
    h.set(i.rd, static_cast<uint32_t>(static_cast<uint64_t>(product) >> 32));
}

template <class H> PG32_SEMANTICS void exec_Mulhu(H& h, Insn i) {
    h.set(i.rd, static_cast<uint32_t>((uint64_t{h.reg(i.rs1)} * h.reg(i.rs2)) >> 32));
}

// ---- divide: by zero traps; -2^31 / -1 overflows to -2^31, remainder 0
template <class H> PG32_SEMANTICS MaybeTrap exec_Div(H& h, Insn i) {
    int32_t a = static_cast<int32_t>(h.reg(i.rs1)), b = static_cast<int32_t>(h.reg(i.rs2));
    if (b == 0) return Trap{Cause::Divide};
    h.set(i.rd, (a == INT32_MIN && b == -1) ? static_cast<uint32_t>(a) : static_cast<uint32_t>(a / b));
    return {};
}

template <class H> PG32_SEMANTICS MaybeTrap exec_Divu(H& h, Insn i) {
    if (h.reg(i.rs2) == 0) return Trap{Cause::Divide};
    h.set(i.rd, h.reg(i.rs1) / h.reg(i.rs2));
    return {};
}

template <class H> PG32_SEMANTICS MaybeTrap exec_Rem(H& h, Insn i) {
    int32_t a = static_cast<int32_t>(h.reg(i.rs1)), b = static_cast<int32_t>(h.reg(i.rs2));
    if (b == 0) return Trap{Cause::Divide};
    h.set(i.rd, (a == INT32_MIN && b == -1) ? 0u : static_cast<uint32_t>(a % b));
    return {};
}

template <class H> PG32_SEMANTICS MaybeTrap exec_Remu(H& h, Insn i) {
    if (h.reg(i.rs2) == 0) return Trap{Cause::Divide};
    h.set(i.rd, h.reg(i.rs1) % h.reg(i.rs2));
    return {};
}

// ---- register-immediate
template <class H> PG32_SEMANTICS void exec_Addi(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) + imm(i)); }
template <class H> PG32_SEMANTICS void exec_Slti(H& h, Insn i) { h.set(i.rd, lt_signed(h.reg(i.rs1), imm(i))); }
template <class H> PG32_SEMANTICS void exec_Sltiu(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) < imm(i)); }
template <class H> PG32_SEMANTICS void exec_Andi(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) & imm(i)); }
template <class H> PG32_SEMANTICS void exec_Ori(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) | imm(i)); }
template <class H> PG32_SEMANTICS void exec_Xori(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) ^ imm(i)); }
template <class H> PG32_SEMANTICS void exec_Slli(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) << i.imm); }
template <class H> PG32_SEMANTICS void exec_Srli(H& h, Insn i) { h.set(i.rd, h.reg(i.rs1) >> i.imm); }
template <class H> PG32_SEMANTICS void exec_Srai(H& h, Insn i) { h.set(i.rd, sra(h.reg(i.rs1), imm(i))); }
template <class H> PG32_SEMANTICS void exec_Lui(H& h, Insn i) { h.set(i.rd, imm(i) << 16); }

}  // namespace trapvm::sem
