// One use of an instruction with everyday operands, made from its row of
// the instruction table, so that tests cover every instruction the table
// has, including one added tomorrow, instead of a list that goes stale.
//
//   sample_of(info(Op::Csrw))  -> "csrw scratch, a0"
//   sample_of(info(Op::In))    -> "in a0, CONSOLE_IN"
//
// Registers are a0 (rd, rs1) and a1 (rs2); a csr is scratch; a port is
// the console's (CONSOLE_IN for a read, CONSOLE_OUT for a write); an
// immediate is 1, a memory operand 0(a1), a target the next instruction.
#pragma once

#include "isa-spec/isa.hpp"

#include <string>

namespace trapvm::test {

inline std::string sample_operand(const pg32::InsnInfo& insn, pg32::OperandKind kind) {
    using K = pg32::OperandKind;
    switch (kind) {
    case K::Rd:
    case K::Rs1: return "a0";
    case K::Rs2: return "a1";
    case K::Mem: return "0(a1)";
    case K::Target16:
    case K::Target20: return ". + 4";
    case K::Csr: return "scratch";
    case K::Port: return insn.effects & pg32::kPortIn ? "CONSOLE_IN" : "CONSOLE_OUT";
    case K::Simm16:
    case K::Uimm16:
    case K::Shamt:
    case K::Imm32: return "1";
    }
    return "?";
}

inline std::string sample_of(const pg32::InsnInfo& insn) {
    const pg32::FormatInfo& f = pg32::kFormats[static_cast<int>(insn.format)];
    std::string text = insn.mnemonic;
    for (int i = 0; i < f.operand_count; ++i) text += (i ? ", " : " ") + sample_operand(insn, f.operands[i]);
    return text;
}

}  // namespace trapvm::test
