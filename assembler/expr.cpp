// Expression parsing and evaluation in one recursive descent (see expr.hpp).
// Expressions are short, so each pass simply parses them again.
#include "assembler/expr.hpp"

#include "assembler/diagnostics.hpp"

#include <algorithm>
#include <limits>
#include <string_view>

namespace trapvm::detail {
namespace {

// Binary operators from loosest to tightest binding, as in C.
struct BinaryOp {
    std::string_view text;
    int precedence;
};
constexpr BinaryOp kBinary[] = {
    {"|", 1}, {"^", 2}, {"&", 3}, {"<<", 4}, {">>", 4}, {"+", 5}, {"-", 5}, {"*", 6}, {"/", 6}, {"%", 6},
};

int precedence(const Token& t) {
    for (const BinaryOp& op : kBinary)
        if (t.is(op.text)) return op.precedence;
    return 0;
}

// Two's-complement wrapping arithmetic on int64 (signed overflow is UB).
int64_t wrap(uint64_t v) { return static_cast<int64_t>(v); }

// The sum or difference of values that may be offsets into .data: an
// offset plus a number is an offset; the difference of two offsets is a
// number; anything else is unknown until .data is placed.
Value add_or_sub(Value a, Value b, bool sub) {
    Value r;
    r.known = a.known && b.known;
    r.v = sub ? wrap(uint64_t(a.v) - uint64_t(b.v)) : wrap(uint64_t(a.v) + uint64_t(b.v));
    if (sub && a.floating && b.floating) r.floating = false;
    else if ((a.floating && b.floating) || (sub && b.floating)) r.known = false;
    else r.floating = a.floating || b.floating;
    if (sub) r.space = a.space == b.space ? Value::kNumber : b.space == Value::kNumber ? a.space : Value::kNumber;
    else r.space = a.space == Value::kNumber ? b.space : b.space == Value::kNumber ? a.space : Value::kNumber;
    return r;
}

class Parser {
public:
    Parser(std::span<const Token> toks, Resolver& r) : t_(toks), r_(r) {}

    ExprResult run() {
        ExprResult out;
        if (t_.empty()) {
            fail(1, 1, "missing value");
        } else {
            out.value = binary(1);
            if (!error_ && pos_ < t_.size())
                fail(t_[pos_].col, span_len(t_.subspan(pos_)),
                     "unexpected " + quote(t_[pos_].text) + " after the value" + hint(t_[pos_]));
        }
        out.error = error_;
        return out;
    }

private:
    static std::string hint(const Token& t) {
        return t.kind == Tok::Ident || t.kind == Tok::Number ? "; is a ',' missing?" : "";
    }

    void fail(int col, int len, std::string message) {
        if (!error_) error_ = ExprError{col, len, std::move(message), {}, {}};
    }

    Value binary(int min_prec) {
        Value lhs = unary();
        while (!error_ && pos_ < t_.size() && precedence(t_[pos_]) >= min_prec) {
            size_t op = pos_++;
            size_t rhs_start = pos_;
            Value rhs = binary(precedence(t_[op]) + 1);
            if (error_) break;
            lhs = apply(t_[op], lhs, rhs, t_.subspan(rhs_start, pos_ - rhs_start));
        }
        return lhs;
    }

    Value apply(const Token& op, Value a, Value b, std::span<const Token> rhs) {
        if (op.is("+") || op.is("-")) return add_or_sub(a, b, op.is("-"));
        bool divides = op.is("/") || op.is("%");
        if (divides && b.absolute() && b.v == 0) {
            fail(op.col, rhs.back().col + rhs.back().len - op.col, "division by zero");
            return a;
        }
        bool shifts = op.is("<<") || op.is(">>");
        if (shifts && b.absolute() && (b.v < 0 || b.v > 63)) {
            fail(rhs.front().col, span_len(rhs), "shift count " + std::to_string(b.v) + " out of range 0..63");
            return a;
        }
        if (!a.absolute() || !b.absolute()) return Value::unknown();
        uint64_t x = uint64_t(a.v), y = uint64_t(b.v);
        if (op.is("*")) return {wrap(x * y)};
        if (op.is("/") || op.is("%")) {
            if (a.v == std::numeric_limits<int64_t>::min() && b.v == -1) return {op.is("/") ? a.v : 0};
            return {op.is("/") ? a.v / b.v : a.v % b.v};
        }
        if (op.is("<<")) return {wrap(x << y)};
        if (op.is(">>")) return {a.v >> b.v};  // arithmetic, as C does on int64
        if (op.is("&")) return {a.v & b.v};
        if (op.is("|")) return {a.v | b.v};
        return {a.v ^ b.v};
    }

    // Every nesting (a unary operator, a parenthesis) passes through here;
    // the limit keeps a pathological line from exhausting the stack.
    Value unary() {
        if (++depth_ > kMaxDepth) {
            fail(t_[std::min(pos_, t_.size() - 1)].col, 1, "expression nested too deeply");
            return {};
        }
        Value v = unary_operand();
        --depth_;
        return v;
    }

    Value unary_operand() {
        if (pos_ >= t_.size()) {
            fail(t_.back().col + t_.back().len, 1, "expected a value after " + quote(t_.back().text));
            return {};
        }
        const Token& t = t_[pos_];
        if (t.is("-") || t.is("+") || t.is("~")) {
            ++pos_;
            Value v = unary();
            if (t.is("+")) return v;
            if (!v.absolute()) return Value::unknown();
            return {t.is("-") ? wrap(0 - uint64_t(v.v)) : ~v.v};
        }
        if (t.is("%")) return hi_lo();
        return primary();
    }

    // %hi(x) and %lo(x): bits 31:16 and 15:0 of a 32-bit value.
    Value hi_lo() {
        const Token& pct = t_[pos_++];
        bool ok = pos_ + 1 < t_.size() && t_[pos_].kind == Tok::Ident && t_[pos_ + 1].is("(");
        std::string name = ok ? t_[pos_].text : "";
        if (name != "hi" && name != "lo") {
            fail(pct.col, 1, "expected %hi(...) or %lo(...) after '%'");
            return {};
        }
        ++pos_;
        size_t start = pos_ + 1;
        Value v = primary();
        if (error_ || !v.absolute()) return Value::unknown();
        if (v.v < std::numeric_limits<int32_t>::min() || v.v > std::numeric_limits<uint32_t>::max()) {
            fail(t_[start].col, span_len(t_.subspan(start, pos_ - 1 - start)),
                 "%" + name + " needs a 32-bit value, found " + std::to_string(v.v));
            return {};
        }
        uint32_t u = static_cast<uint32_t>(v.v);
        return {name == "hi" ? u >> 16 : u & 0xffff};
    }

    Value primary() {
        if (pos_ >= t_.size()) {
            fail(t_.back().col + t_.back().len, 1, "expected a value after " + quote(t_.back().text));
            return {};
        }
        const Token& t = t_[pos_++];
        if (t.kind == Tok::Number || t.kind == Tok::Char) return {t.value};
        if (t.kind == Tok::Ident && t.text == ".") return r_.dot();
        if (t.kind == Tok::Ident || t.kind == Tok::LocalRef) {
            ExprError e;
            std::optional<Value> v = r_.symbol(t, e);
            if (!v && !error_) error_ = e;
            return v.value_or(Value{});
        }
        if (t.is("(")) return parenthesized(t);
        if (t.kind == Tok::String) fail(t.col, t.len, "a string is not a value here");
        else fail(t.col, t.len, "expected a value, found " + quote(t.text));
        return {};
    }

    Value parenthesized(const Token& open) {
        Value v = binary(1);
        if (error_) return v;
        if (pos_ < t_.size() && t_[pos_].is(")")) {
            ++pos_;
            return v;
        }
        if (pos_ >= t_.size()) fail(open.col, 1, "this '(' has no matching ')'");
        else fail(t_[pos_].col, t_[pos_].len, "expected ')' before " + quote(t_[pos_].text));
        return v;
    }

    static constexpr int kMaxDepth = 256;
    std::span<const Token> t_;
    Resolver& r_;
    size_t pos_ = 0;
    int depth_ = 0;
    std::optional<ExprError> error_;
};

}  // namespace

ExprResult evaluate(std::span<const Token> toks, Resolver& resolver) { return Parser(toks, resolver).run(); }

}  // namespace trapvm::detail
