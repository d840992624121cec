// Parsing an instruction's operands by the operand kinds of its format
// (formats.tbl) and encoding it with pg32::encode. Internal to the assembler.
#pragma once

#include "assembler/context.hpp"

#include <span>
#include <string>
#include <vector>

namespace trapvm::detail {

// Who is asking, for messages: the student's mnemonic (a pseudo's, when
// expanding one) and the operand syntax it takes.
struct InsnContext {
    Assembly& a;
    size_t stmt;
    std::string mnemonic;  // "beqz"
    std::string syntax;    // "rs1, target16"
    uint32_t pc;           // the address of the word being encoded

    const Stmt& s() const { return a.stmts[stmt]; }
    std::string takes() const { return mnemonic + " takes " + (syntax.empty() ? "no operands" : syntax); }
};

using TokenSpan = std::span<const Token>;

bool parse_register(const InsnContext& c, TokenSpan toks, uint8_t& reg);

// Parses operands (one span per operand of op's format) into a Decoded and
// encodes it. Reports problems and returns nothing on one.
std::optional<uint32_t> encode_operands(const InsnContext& c, pg32::Op op, const std::vector<TokenSpan>& operands);

}  // namespace trapvm::detail
