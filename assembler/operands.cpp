// Operand parsing, one function per operand kind of formats.tbl. Nothing
// here knows any mnemonic: the format says which kinds an instruction
// takes, pg32::operand_range says what fits, pg32::encode builds the word.
#include "assembler/operands.hpp"

namespace trapvm::detail {
namespace {

constexpr int64_t kMin32 = -(int64_t{1} << 31);
constexpr int64_t kMax32 = (int64_t{1} << 32) - 1;

void error(const InsnContext& c, TokenSpan toks, std::string msg, std::string note = {}) {
    c.a.error(c.s(), toks.front().col, span_len(toks), std::move(msg), std::move(note));
}

// "addi" when add got a number, "add" when addi got a register: the
// instruction the student probably meant, if the table has it.
// The immediate form adds an 'i' (sltu -> sltiu); the register form drops it.
std::string sibling_note(const InsnContext& c, bool wanted_immediate) {
    const std::string& m = c.mnemonic;
    std::string other;
    if (wanted_immediate) {
        other = m + "i";
        if (!pg32::op_by_mnemonic(other) && m.ends_with("u")) other = m.substr(0, m.size() - 1) + "iu";
    } else if (size_t i = m.rfind('i'); i != std::string::npos) {
        other = m.substr(0, i) + m.substr(i + 1);
    }
    if (other.empty() || !pg32::op_by_mnemonic(other)) return c.takes();
    return c.takes() + "\n" + (wanted_immediate ? "for an immediate operand, use " : "for a register operand, use ") +
           other;
}

// The operand as the student wrote it: its source text, or for tokens a
// pseudo's template put together, the tokens joined.
std::string written(const InsnContext& c, TokenSpan toks) {
    const std::string& line = c.a.source.lines[c.s().line].text;
    int start = toks.front().col, end = toks.back().col + toks.back().len;
    bool in_order = true;
    for (size_t i = 1; i < toks.size(); ++i) in_order = in_order && toks[i].col > toks[i - 1].col;
    if (in_order && end - 1 <= static_cast<int>(line.size())) return line.substr(start - 1, end - start);
    std::string out;
    for (const Token& t : toks) out += t.text;
    return out;
}

std::optional<int64_t> value(const InsnContext& c, TokenSpan toks, bool ports = false) {
    std::optional<Value> v = eval_operand(c.a, c.stmt, toks, ports);
    if (!v) return std::nullopt;
    return v->v;
}

// What an immediate is called in a range error.
const char* noun(pg32::OperandKind k) {
    switch (k) {
    case pg32::OperandKind::Shamt: return "shift amount";
    case pg32::OperandKind::Port: return "port";
    case pg32::OperandKind::Mem: return "offset";
    default: return "immediate";
    }
}

bool in_range(const InsnContext& c, TokenSpan toks, pg32::OperandKind kind, int64_t v) {
    pg32::Range r = pg32::operand_range(kind);
    if (v >= r.min && v <= r.max) return true;
    error(c, toks,
          std::string(noun(kind)) + " " + std::to_string(v) + " out of range " + std::to_string(r.min) + ".." +
              std::to_string(r.max) + " for " + c.mnemonic);
    return false;
}

bool parse_immediate(const InsnContext& c, TokenSpan toks, pg32::OperandKind kind, int32_t& imm) {
    if (toks.size() == 1 && toks[0].kind == Tok::Ident && pg32::register_by_name(to_lower(toks[0].text))) {
        error(c, toks, quote(toks[0].text) + " is a register, but " + c.mnemonic + " takes a value here",
              sibling_note(c, false));
        return false;
    }
    std::optional<int64_t> v = value(c, toks, kind == pg32::OperandKind::Port);
    if (!v || !in_range(c, toks, kind, *v)) return false;
    imm = static_cast<int32_t>(*v);
    return true;
}

// off(rs1), or (rs1) for an offset of 0.
bool parse_mem(const InsnContext& c, TokenSpan toks, int32_t& off, uint8_t& base) {
    size_t open = toks.size();
    if (toks.back().is(")"))
        for (size_t i = toks.size() - 1, depth = 0; i-- > 0;) {
            if (toks[i].is(")")) ++depth;
            if (toks[i].is("(") && depth-- == 0) {
                open = i;
                break;
            }
        }
    if (open == toks.size() || open + 2 > toks.size() - 1) {
        error(c, toks, "expected a memory operand off(rs1), like 8(sp) or (a0), found " + quote(written(c, toks)),
              c.takes());
        return false;
    }
    if (!parse_register(c, toks.subspan(open + 1, toks.size() - open - 2), base)) return false;
    off = 0;
    if (open == 0) return true;  // "(a0)"
    std::optional<int64_t> v = value(c, toks.first(open));
    if (!v || !in_range(c, toks.first(open), pg32::OperandKind::Mem, *v)) return false;
    off = static_cast<int32_t>(*v);
    return true;
}

// A pc-relative target must be in the branch's own address space: user
// code and the kernel are at different addresses (R relocates one), so a
// branch between them would land somewhere else. A plain number is taken
// in the branch's own terms, as in GNU as.
bool same_space(const InsnContext& c, TokenSpan toks, pg32::OperandKind kind, const Value& target) {
    uint8_t here = c.a.space_of(c.s());
    if (target.space == Value::kNumber || target.space == here) return true;
    std::string what =
        std::string(kind == pg32::OperandKind::Target16 ? "branch" : "jump") + " target " + quote(written(c, toks));
    auto where = [&](uint8_t space) {
        return space == Value::kPhysical ? std::string("a kernel (physical) address")
                                         : "a user address of " + part_name(c.a, space - Value::kUserSpace);
    };
    std::string note = here == Value::kPhysical
                           ? "the kernel enters user code with rfe (epc = the user address, then rfe), not a jump"
                           : "user code reaches the kernel by a trap (sys), not a jump";
    error(c, toks, what + " is " + where(target.space) + ", but this " + c.mnemonic + " is at " + where(here), note);
    return false;
}

// A branch or jump target: an address (a label, or a number as in GNU as),
// stored as the byte offset from this instruction, modulo 2^32 as the pc is.
bool parse_target(const InsnContext& c, TokenSpan toks, pg32::OperandKind kind, int32_t& offset) {
    std::optional<Value> address = eval_operand(c.a, c.stmt, toks);
    if (!address || !same_space(c, toks, kind, *address)) return false;
    std::optional<int64_t> v = address->v;
    if (*v < kMin32 || *v > kMax32) {
        error(c, toks, "target " + std::to_string(*v) + " is not a 32-bit address");
        return false;
    }
    uint32_t target = static_cast<uint32_t>(*v);
    int64_t distance = static_cast<int32_t>(target - c.pc);
    pg32::Range r = pg32::operand_range(kind);
    std::string what = kind == pg32::OperandKind::Target16 ? "branch target " : "jump target ";
    if (distance % r.step != 0) {
        error(c, toks, what + hex32(target) + " is not word-aligned", "instructions are at multiples of 4");
        return false;
    }
    if (distance < r.min || distance > r.max) {
        error(c, toks,
              what + hex32(target) + " out of range for " + c.mnemonic + ": it is " + std::to_string(distance) +
                  " bytes away, and " + c.mnemonic + " reaches " + std::to_string(r.min) + ".." + std::to_string(r.max),
              kind == pg32::OperandKind::Target16 ? "to go further, branch around a 'j' (jal) instruction" : "");
        return false;
    }
    offset = static_cast<int32_t>(distance);
    return true;
}

bool parse_csr(const InsnContext& c, TokenSpan toks, int32_t& number) {
    const pg32::CsrInfo* csr = nullptr;
    if (toks.size() == 1 && toks[0].kind == Tok::Ident) csr = pg32::csr_by_name(to_lower(toks[0].text));
    if (csr) {
        number = static_cast<int32_t>(csr->value);
        return true;
    }
    std::vector<std::string> names;
    for (const pg32::CsrInfo& r : pg32::kCsrs) names.push_back(r.name);
    error(c, toks, "unknown csr " + quote(toks[0].text) + did_you_mean(toks[0].text, names),
          "the csrs are " + csr_list());
    return false;
}

bool parse_operand(const InsnContext& c, pg32::OperandKind kind, TokenSpan toks, pg32::Decoded& d) {
    using K = pg32::OperandKind;
    switch (kind) {
    case K::Rd: return parse_register(c, toks, d.rd);
    case K::Rs1: return parse_register(c, toks, d.rs1);
    case K::Rs2: return parse_register(c, toks, d.rs2);
    case K::Simm16:
    case K::Uimm16:
    case K::Shamt:
    case K::Port: return parse_immediate(c, toks, kind, d.imm);
    case K::Mem: return parse_mem(c, toks, d.imm, d.rs1);
    case K::Target16:
    case K::Target20: return parse_target(c, toks, kind, d.imm);
    case K::Csr: return parse_csr(c, toks, d.imm);
    case K::Imm32: break;  // only li and la take it; instructions.cpp handles them
    }
    error(c, toks, "internal error: no real instruction takes an imm32 operand");
    return false;
}

}  // namespace

bool parse_register(const InsnContext& c, TokenSpan toks, uint8_t& reg) {
    std::optional<int> r;
    if (!toks.empty() && toks[0].kind == Tok::Ident) r = pg32::register_by_name(to_lower(toks[0].text));
    if (r && toks.size() == 1) {
        reg = static_cast<uint8_t>(*r);
        return true;
    }
    if (r) {
        error(c, toks.subspan(1), "unexpected " + quote(toks[1].text) + " after register " + quote(toks[0].text),
              c.takes());
        return false;
    }
    bool number = toks[0].kind == Tok::Number || toks[0].kind == Tok::Char || toks[0].is("-");
    error(c, toks, quote(toks[0].text) + " is not a register; registers are " + register_list(),
          number ? sibling_note(c, true) : c.takes());
    return false;
}

std::optional<uint32_t> encode_operands(const InsnContext& c, pg32::Op op, const std::vector<TokenSpan>& operands) {
    const pg32::FormatInfo& f = pg32::format_info(op);
    pg32::Decoded d;
    d.op = op;
    for (size_t i = 0; i < f.operand_count; ++i)
        if (!parse_operand(c, f.operands[i], operands[i], d)) return std::nullopt;
    std::string why;
    std::optional<uint32_t> word = pg32::encode(d, &why);
    if (!word) {
        const Token& h = c.s().head_token();
        c.a.error(c.s(), h.col, h.len, "internal error: cannot encode " + c.mnemonic + ": " + why);
    }
    return word;
}

}  // namespace trapvm::detail
