// Parsing: each line becomes a Stmt (labels, mnemonic or directive, and
// operand spans), with the operand count checked against the tables.
#include "assembler/context.hpp"

namespace trapvm::detail {

const DirectiveInfo* directive_by_name(std::string_view name) {
    std::string lower = to_lower(name);
    for (const DirectiveInfo& d : kDirectives)
        if (lower == d.name) return &d;
    return nullptr;
}

std::vector<std::string> directive_names() {
    std::vector<std::string> out;
    for (const DirectiveInfo& d : kDirectives) out.push_back(d.name);
    return out;
}

std::vector<std::string> mnemonic_names() {
    std::vector<std::string> out;
    for (const pg32::InsnInfo& i : pg32::kInsns)
        if (i.profiles & pg32::active_profile().bit) out.push_back(i.mnemonic);
    for (const pg32::PseudoInfo& p : pg32::kPseudos) out.push_back(p.mnemonic);
    return out;
}

bool is_reserved_word(std::string_view name) {
    std::string lower = to_lower(name);
    return pg32::op_by_mnemonic(lower) || pg32::pseudo_by_mnemonic(lower) || directive_by_name(lower) ||
           pg32::register_by_name(lower);
}

namespace {

// "3 operands (rd, rs1, rs2)", "no operands", "1 or 2 operands (SIZE[, FILL])".
std::string takes(int min, int max, const char* syntax) {
    if (max == 0) return "no operands";
    std::string n = min == max ? std::to_string(min)
                    : max < 0  ? std::to_string(min) + " or more"
                               : std::to_string(min) + " or " + std::to_string(max);
    return n + (max == 1 ? " operand (" : " operands (") + syntax + ")";
}

// Splits the tokens after the head at top-level commas.
bool split_operands(Assembly& a, Stmt& s) {
    size_t start = s.head + 1, depth = 0;
    if (start == s.toks.size()) return true;
    for (size_t i = start; i <= s.toks.size(); ++i) {
        bool end = i == s.toks.size();
        if (!end && s.toks[i].is("(")) ++depth;
        if (!end && s.toks[i].is(")") && depth > 0) --depth;
        if (!end && !(s.toks[i].is(",") && depth == 0)) continue;
        if (i == start) {
            const Token& comma = s.toks[end ? i - 1 : i];
            a.error(s, comma.col, comma.len, end ? "missing operand after ','" : "missing operand before ','");
            return false;
        }
        s.operands.push_back({start, i});
        start = i + 1;
    }
    return true;
}

bool check_count(Assembly& a, Stmt& s, const std::string& name, int min, int max, const char* syntax) {
    int n = static_cast<int>(s.operands.size());
    if (n >= min && (max < 0 || n <= max)) return true;
    std::string msg = name + " takes " + takes(min, max, syntax) + ", found " + std::to_string(n);
    if (max >= 0 && n > max) {
        // (pointer, pointer): libc++ 13 (emscripten's, for the web build) has no iterator constructor.
        std::span<const Token> extra(s.toks.data() + s.operands[max].begin, s.toks.data() + s.toks.size());
        a.error(s, extra.front().col, span_len(extra), "unexpected operand " + quote(extra.front().text) + ": " + msg);
    } else {
        std::span<const Token> all(s.toks.data() + s.head, s.toks.data() + s.toks.size());
        a.error(s, all.front().col, span_len(all), msg);
    }
    return false;
}

// What the head token names: an instruction, pseudo or directive.
bool classify(Assembly& a, Stmt& s) {
    const Token& h = s.head_token();
    if (h.kind != Tok::Ident || h.text == ".") {
        a.error(s, h.col, h.len, "expected an instruction or directive, found " + quote(h.text));
        return false;
    }
    std::string lower = to_lower(h.text);
    // Suggestions come from every mnemonic and directive: "word" -> ".word".
    static const std::vector<std::string> names = [] {
        std::vector<std::string> all = mnemonic_names(), directives = directive_names();
        all.insert(all.end(), directives.begin(), directives.end());
        return all;
    }();
    if (lower[0] == '.') {
        s.kind = StmtKind::Directive;
        s.directive = directive_by_name(lower);
        if (s.directive) return true;
        a.error(s, h.col, h.len, "unknown directive " + quote(h.text) + did_you_mean(h.text, names));
        return false;
    }
    if (auto op = pg32::op_by_mnemonic(lower)) {
        s.kind = StmtKind::Insn;
        s.op = *op;
        return true;
    }
    if ((s.pseudo = pg32::pseudo_by_mnemonic(lower))) {
        s.kind = StmtKind::Pseudo;
        return true;
    }
    if (auto other = pg32::any_op_by_mnemonic(lower)) {  // an instruction of another profile
        std::string in;
        for (const pg32::ProfileInfo& p : pg32::kProfiles)
            if (pg32::in_profile(*other, p)) in += (in.empty() ? "" : ", ") + std::string(p.name);
        a.error(s, h.col, h.len,
                quote(h.text) + " is not an instruction of profile " + pg32::active_profile().name +
                    " (it is one of profile " + in + ")",
                "assemble with --profile " + in.substr(0, in.find(',')));
        return false;
    }
    bool alone = s.head + 1 == s.toks.size();
    std::string suggestion = did_you_mean(h.text, names);
    a.error(s, h.col, h.len, "unknown instruction " + quote(h.text) + suggestion,
            alone && suggestion.empty() ? "a label needs a ':' after it, as in " + quote(h.text + ":") : "");
    return false;
}

bool check_operand_count(Assembly& a, Stmt& s) {
    std::string name = to_lower(s.head_token().text);
    if (s.kind == StmtKind::Insn) {
        const pg32::FormatInfo& f = pg32::format_info(s.op);
        return check_count(a, s, name, f.operand_count, f.operand_count, f.syntax);
    }
    if (s.kind == StmtKind::Pseudo)
        return check_count(a, s, name, s.pseudo->operand_count, s.pseudo->operand_count, s.pseudo->syntax);
    const DirectiveInfo& d = *s.directive;
    return check_count(a, s, std::string("'") + d.name + "'", d.min_operands, d.max_operands, d.syntax);
}

Stmt parse_line(Assembly& a, size_t index) {
    const SourceLine& l = a.source.lines[index];
    Stmt s;
    s.line = index;
    Lexed lx = lex_line(std::string_view(l.text).substr(0, l.assemble_end));
    s.toks = std::move(lx.tokens);
    size_t k = 0;
    while (k + 1 < s.toks.size() && (s.toks[k].kind == Tok::Ident || s.toks[k].kind == Tok::Number) &&
           s.toks[k + 1].is(":") && s.toks[k].text != ".") {
        s.labels.push_back(k);
        k += 2;
    }
    if (lx.error) {
        a.diags.error(index, lx.error->col, lx.error->len, lx.error->message);
        s.bad = true;
    }
    if (k == s.toks.size() || s.bad) return s;
    s.head = k;
    s.bad = !classify(a, s) || !split_operands(a, s) || !check_operand_count(a, s);
    return s;
}

}  // namespace

void parse_statements(Assembly& a) {
    a.stmts.reserve(a.source.lines.size());
    size_t tokens = 0;
    for (size_t i = 0; i < a.source.lines.size(); ++i) {
        a.stmts.push_back(parse_line(a, i));
        tokens += a.stmts.back().toks.size();
        if (tokens <= kMaxTokens) continue;
        a.diags.error(i, 1, 1,
                      "the program has more than 2,000,000 tokens (names, numbers, punctuation) once "
                      "includes and macros have expanded: the assembler stops here");
        a.stmts.back() = Stmt{};
        a.stmts.back().line = i;
        a.stmts.back().bad = true;
        return;
    }
}

}  // namespace trapvm::detail
