// Instructions and pseudo-instructions: their size in pass 1 and their
// words in pass 2. Pseudo-instructions expand by the templates of
// pseudos.tbl ("blt rs2, rs1, target16": the pseudo's operands substituted
// by slot name); only the ones taking an imm32 (li, la) need code here.
#include "assembler/operands.hpp"

#include <algorithm>
#include <cstring>

namespace trapvm::detail {
namespace {

std::vector<std::string> split(std::string_view s, char sep) {
    std::vector<std::string> out;
    for (size_t start = 0; start <= s.size();) {
        size_t end = std::min(s.find(sep, start), s.size());
        std::string_view part = s.substr(start, end - start);
        size_t b = part.find_first_not_of(" \t"), e = part.find_last_not_of(" \t");
        if (b != std::string_view::npos) out.emplace_back(part.substr(b, e - b + 1));
        start = end + 1;
    }
    return out;
}

bool takes_imm32(const pg32::PseudoInfo& p) {
    for (int i = 0; i < p.operand_count; ++i)
        if (p.operands[i] == pg32::OperandKind::Imm32) return true;
    return false;
}

// One value li/la can load in a single instruction: addi (sign-extends),
// ori (zero-extends) or lui (low half zero).
bool fits_one_word(uint32_t u) {
    int32_t s = static_cast<int32_t>(u);
    return (s >= -32768 && s <= 32767) || u <= 0xffff || (u & 0xffff) == 0;
}

constexpr int64_t kMin32 = -(int64_t{1} << 31);
constexpr int64_t kMax32 = (int64_t{1} << 32) - 1;

std::vector<TokenSpan> split_commas(const std::vector<Token>& toks, size_t from) {
    std::vector<TokenSpan> out;
    TokenSpan all(toks);
    size_t start = from, depth = 0;
    for (size_t i = from; i < toks.size(); ++i) {
        if (toks[i].is("(")) ++depth;
        if (toks[i].is(")") && depth > 0) --depth;
        if (toks[i].is(",") && depth == 0) out.push_back(all.subspan(start, i - start)), start = i + 1;
    }
    if (start < toks.size()) out.push_back(all.subspan(start));
    return out;
}

void emit_word(Assembly& a, const Stmt& s, uint64_t offset, uint32_t word) {
    uint8_t bytes[4];
    for (int i = 0; i < 4; ++i) bytes[i] = static_cast<uint8_t>(word >> (8 * i));
    emit_bytes(a, s, offset, bytes);
    const SourceLine& l = a.source.lines[s.line];
    uint32_t address = static_cast<uint32_t>(a.program_address(s, offset).v);  // a .user program's: user addresses
    std::vector<LineInfo>& lines = s.part < 0 ? a.lines : a.parts[static_cast<size_t>(s.part)].lines;
    lines.push_back({address, l.use_file, static_cast<uint32_t>(l.use_line)});
}

InsnContext context(Assembly& a, size_t stmt, uint32_t pc) {
    const Stmt& s = a.stmts[stmt];
    const char* syntax = s.pseudo ? s.pseudo->syntax : pg32::format_info(s.op).syntax;
    return InsnContext{a, stmt, to_lower(s.head_token().text), syntax, pc};
}

// Writing r0 discards the result, which is almost always a slip. Jumps are
// the exception (jal zero: "don't link"), as is an all-zero no-op.
void warn_if_writes_zero(Assembly& a, const Stmt& s, uint32_t word) {
    std::optional<pg32::Decoded> d = pg32::decode(word);
    const pg32::FormatInfo& f = pg32::format_info(s.op);
    if (!d || f.rd.lo < 0 || d->rd != 0 || (pg32::info(s.op).effects & pg32::kJump)) return;
    if (d->rs1 == 0 && d->rs2 == 0 && d->imm == 0) return;
    for (size_t i = 0; i < f.operand_count; ++i)
        if (f.operands[i] == pg32::OperandKind::Rd) {
            TokenSpan rd = s.operand(i);
            a.diags.warning(s.line, rd.front().col, span_len(rd),
                            "writing to " + quote(rd.front().text) + " (r0) has no effect: the result is discarded");
        }
}

// li/la in pass 1: one word if the value is known now and fits one
// instruction, else lui+ori (always, for a value known only later).
uint32_t load_immediate_size(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    s.long_li = true;  // unless the value is known now and fits one instruction
    std::optional<Value> v = eval_operand(a, stmt, s.operand(1));
    if (!v) {
        s.bad = true;
    } else if (v->absolute() && (v->v < kMin32 || v->v > kMax32)) {
        a.error(s, s.operand(1).front().col, span_len(s.operand(1)),
                "value " + std::to_string(v->v) + " does not fit in 32 bits (-2147483648..4294967295)");
        s.bad = true;
    } else if (v->absolute()) {
        s.long_li = !fits_one_word(static_cast<uint32_t>(v->v));
    }
    return s.long_li ? 8 : 4;
}

void emit_load_immediate(Assembly& a, size_t stmt, uint32_t pc) {
    Stmt& s = a.stmts[stmt];
    InsnContext c = context(a, stmt, pc);
    uint8_t rd = 0;
    std::optional<Value> v = eval_operand(a, stmt, s.operand(1));
    if (!parse_register(c, s.operand(0), rd) || !v) return;
    if (v->v < kMin32 || v->v > kMax32)
        return a.error(s, s.operand(1).front().col, span_len(s.operand(1)),
                       "value " + std::to_string(v->v) + " does not fit in 32 bits (-2147483648..4294967295)");
    uint32_t u = static_cast<uint32_t>(v->v);
    int32_t low = static_cast<int32_t>(u & 0xffff), high = static_cast<int32_t>(u >> 16);
    std::vector<pg32::Decoded> words;
    if (s.long_li) words = {{pg32::Op::Lui, rd, 0, 0, high}, {pg32::Op::Ori, rd, rd, 0, low}};
    else if (int32_t i = static_cast<int32_t>(u); i >= -32768 && i <= 32767) words = {{pg32::Op::Addi, rd, 0, 0, i}};
    else if (u <= 0xffff) words = {{pg32::Op::Ori, rd, 0, 0, low}};
    else words = {{pg32::Op::Lui, rd, 0, 0, high}};
    for (size_t i = 0; i < words.size(); ++i)
        emit_word(a, s, s.offset + 4 * static_cast<uint32_t>(i), *pg32::encode(words[i]));
}

// A pseudo's template instructions with its operands substituted: each a
// real instruction's tokens. Template text gets the pseudo's column, so a
// diagnostic about it points at the mnemonic the student wrote.
struct Expanded {
    pg32::Op op;
    std::vector<Token> toks;  // operands only
};

std::vector<Expanded> expand(Assembly& a, const Stmt& s) {
    const pg32::PseudoInfo& p = *s.pseudo;
    std::vector<std::string> slots = split(p.syntax, ',');
    std::vector<Expanded> out;
    for (const std::string& part : split(p.expansion, ';')) {
        Lexed lx = lex_line(part);
        std::optional<pg32::Op> op = lx.tokens.empty() ? std::nullopt : pg32::op_by_mnemonic(lx.tokens[0].text);
        if (lx.error || !op) {
            a.error(s, s.head_token().col, s.head_token().len, "internal error: bad expansion in pseudos.tbl: " + part);
            return {};
        }
        Expanded e{*op, {}};
        for (size_t i = 1; i < lx.tokens.size(); ++i) {
            const Token& t = lx.tokens[i];
            size_t k = std::find(slots.begin(), slots.end(), t.text) - slots.begin();
            if (t.kind == Tok::Ident && k < slots.size()) {
                TokenSpan operand = s.operand(k);
                e.toks.insert(e.toks.end(), operand.begin(), operand.end());
            } else {
                e.toks.push_back(t);
                e.toks.back().col = s.head_token().col, e.toks.back().len = s.head_token().len;
            }
        }
        out.push_back(std::move(e));
    }
    return out;
}

void emit_pseudo(Assembly& a, size_t stmt, uint32_t pc) {
    const Stmt& s = a.stmts[stmt];
    InsnContext c = context(a, stmt, pc);
    const pg32::PseudoInfo& p = *s.pseudo;
    uint8_t scratch = 0;
    for (int i = 0; i < p.operand_count; ++i) {  // registers first, so errors name the pseudo's slots
        pg32::OperandKind k = p.operands[i];
        bool reg = k == pg32::OperandKind::Rd || k == pg32::OperandKind::Rs1 || k == pg32::OperandKind::Rs2;
        if (reg && !parse_register(c, s.operand(i), scratch)) return;
    }
    std::vector<Expanded> parts = expand(a, s);
    for (size_t i = 0; i < parts.size(); ++i) {
        c.pc = pc + 4 * static_cast<uint32_t>(i);
        std::vector<TokenSpan> operands = split_commas(parts[i].toks, 0);
        if (operands.size() != pg32::format_info(parts[i].op).operand_count) {
            a.error(s, s.head_token().col, s.head_token().len,
                    "internal error: pseudos.tbl expansion of " + c.mnemonic);
            return;
        }
        std::optional<uint32_t> word = encode_operands(c, parts[i].op, operands);
        if (!word) return;
        emit_word(a, s, s.offset + 4 * static_cast<uint32_t>(i), *word);
    }
}

}  // namespace

uint32_t insn_size(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    uint32_t size = 4;
    if (s.kind == StmtKind::Pseudo)
        size = takes_imm32(*s.pseudo) ? (s.bad ? 8 : load_immediate_size(a, stmt))
                                      : 4 * static_cast<uint32_t>(split(s.pseudo->expansion, ';').size());
    Value at = a.stmt_address(s);
    if (!s.bad && at.v % 4 != 0) {
        std::string where =
            at.floating ? std::to_string(at.v) + " bytes into .data" : hex32(static_cast<uint32_t>(at.v));
        a.error(s, s.head_token().col, s.head_token().len,
                "instruction is not word-aligned: it would start at " + where, "put '.align 4' before it");
        s.bad = true;
    }
    if (!a.first_insn) a.first_insn = {s.section, s.offset};
    return size;
}

void emit_insn(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    uint32_t pc = static_cast<uint32_t>(a.program_address(s).v);  // pc-relative targets: in the program's terms
    if (s.kind == StmtKind::Pseudo) {
        if (takes_imm32(*s.pseudo)) emit_load_immediate(a, stmt, pc);
        else emit_pseudo(a, stmt, pc);
        return;
    }
    InsnContext c = context(a, stmt, pc);
    std::vector<TokenSpan> operands;
    for (size_t i = 0; i < s.operands.size(); ++i) operands.push_back(s.operand(i));
    std::optional<uint32_t> word = encode_operands(c, s.op, operands);
    if (!word) return;
    emit_word(a, s, s.offset, *word);
    warn_if_writes_zero(a, s, *word);
}

}  // namespace trapvm::detail
