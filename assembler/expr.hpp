// Constant expressions: C operators and precedence, %hi/%lo, symbols, local
// labels and '.'. Internal to the assembler.
#pragma once

#include "assembler/lexer.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace trapvm::detail {

// A value as the first pass sees it. It may not be known yet (a label
// defined further down), or known only as an offset into .data, whose
// address is decided once the size of .text is known ("floating").
//
// space says what kind of address it is, so that a branch from user code
// to the kernel (or back) is caught: kNumber for plain numbers (and the
// difference of two addresses), kPhysical for a label or '.' outside user
// programs, kUserSpace + k for one in the k-th `.user` program. An address
// plus or minus a number keeps its space.
struct Value {
    static constexpr uint8_t kNumber = 0, kPhysical = 1, kUserSpace = 2;
    int64_t v = 0;
    bool known = true;
    bool floating = false;
    uint8_t space = kNumber;

    static Value unknown() { return {0, false, false}; }
    bool absolute() const { return known && !floating; }
};

struct ExprError {
    int col = 1;
    int len = 1;
    std::string message;
    std::string note;
    std::string suggest;  // a misspelt name: Diags::error suggests a symbol for it
};

// What names mean. symbol() returns the value (unknown when it may be
// defined later), or nothing after filling *error when the name is an error.
class Resolver {
public:
    virtual ~Resolver() = default;
    virtual std::optional<Value> symbol(const Token& name, ExprError& error) = 0;  // Ident or LocalRef
    virtual Value dot() = 0;                                                       // '.'
};

struct ExprResult {
    Value value;
    std::optional<ExprError> error;
};

// Evaluates all of toks as one expression; anything left over is an error.
ExprResult evaluate(std::span<const Token> toks, Resolver& resolver);

// The columns toks cover, for a diagnostic about the whole expression.
inline int span_len(std::span<const Token> toks) {
    return toks.empty() ? 1 : toks.back().col + toks.back().len - toks.front().col;
}

}  // namespace trapvm::detail
