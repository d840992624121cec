// Directives in the two passes. Pass 1 fixes every directive's size (so
// .org, .align and .space need values known at that point); pass 2 emits.
#include "assembler/context.hpp"
#include "assembler/preprocess.hpp"

namespace trapvm::detail {
namespace {

constexpr int64_t kMax32 = (int64_t{1} << 32) - 1;

void error_at(Assembly& a, const Stmt& s, std::span<const Token> toks, std::string msg, std::string note = {}) {
    a.error(s, toks.front().col, span_len(toks), std::move(msg), std::move(note));
}

std::string name_of(const Stmt& s) { return to_lower(s.head_token().text); }

// Each pass-1 handler returns the bytes its directive will emit, or
// nothing after reporting an error (then pass 2 skips the statement).
using Size = std::optional<uint32_t>;

Size org(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    Section& sec = a.section(a.current);
    std::span<const Token> arg = s.operand(0);
    std::optional<Value> v = eval_operand(a, stmt, arg);
    if (!v) return std::nullopt;
    if (!v->known || (v->floating && a.current != SectionId::Data)) {
        known_now(a, stmt, arg);  // reports why
        return std::nullopt;
    }
    if (v->v < 0 || v->v > kMax32) {
        error_at(a, s, arg, "'.org' address " + std::to_string(v->v) + " is not a 32-bit address");
        return std::nullopt;
    }
    // here and to in the same terms: offsets while .data floats, else
    // addresses (in a .user program, user addresses: shift makes them physical).
    int64_t shift = s.part >= 0 ? a.parts[static_cast<size_t>(s.part)].base : 0;
    int64_t here = static_cast<int64_t>(sec.offset), to = v->v + shift;
    if (to > kMax32) {
        error_at(a, s, arg, "'.org' user address " + std::to_string(v->v) + " is past 0xffffffff");
        return std::nullopt;
    }
    if (!v->floating) {
        if (!sec.placed && sec.offset > 0) {
            error_at(a, s, arg, "'.org' with an address must come before any data in .data",
                     "the address of .data is decided after .text, unless .org places it first");
            return std::nullopt;
        }
        if (!sec.placed) place_data(a, static_cast<uint32_t>(to));
        here += sec.base;
    }
    if (to < here) {
        error_at(a, s, arg,
                 "'.org " + hex32(static_cast<uint32_t>(to - shift)) + "' would move backwards from " +
                     hex32(static_cast<uint32_t>(here - shift)),
                 "'.org' only moves forward: bytes cannot be assembled twice");
        return std::nullopt;
    }
    sec.offset += static_cast<uint64_t>(to - here);  // a gap: no bytes emitted
    sec.end = std::max(sec.end, sec.offset);
    return 0;
}

Size align(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    std::optional<int64_t> n = known_now(a, stmt, s.operand(0));
    if (!n) return std::nullopt;
    if (*n < 1 || *n > 65536 || (*n & (*n - 1)) != 0) {
        error_at(a, s, s.operand(0),
                 "'.align' takes a power of two from 1 to 65536 (bytes), found " + std::to_string(*n));
        return std::nullopt;
    }
    Section& sec = a.section(a.current);
    sec.align = std::max<uint32_t>(sec.align, static_cast<uint32_t>(*n));
    uint64_t here = a.program_address(s).v;  // in a .user program, user addresses are aligned
    return static_cast<uint32_t>((*n - here % *n) % *n);
}

Size space(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    std::optional<int64_t> n = known_now(a, stmt, s.operand(0));
    if (!n) return std::nullopt;
    if (*n < 0 || *n > static_cast<int64_t>(kMaxProgramBytes)) {
        error_at(a, s, s.operand(0),
                 "'.space' size " + std::to_string(*n) + " out of range 0.." + std::to_string(kMaxProgramBytes));
        return std::nullopt;
    }
    return static_cast<uint32_t>(*n);
}

Size strings_size(Assembly& a, const Stmt& s, bool zero) {
    uint32_t size = 0;
    for (size_t i = 0; i < s.operands.size(); ++i) {
        std::span<const Token> t = s.operand(i);
        if (t.size() != 1 || t[0].kind != Tok::String) {
            error_at(a, s, t, quote(name_of(s)) + " takes strings in quotes, like \"hello\\n\"");
            return std::nullopt;
        }
        size += static_cast<uint32_t>(t[0].str.size()) + (zero ? 1 : 0);
    }
    return size;
}

Size equ(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    std::span<const Token> name = s.operand(0);
    if (name.size() != 1 || name[0].kind != Tok::Ident || name[0].text == ".") {
        error_at(a, s, name, "'.equ' needs a name first: .equ NAME, VALUE");
        return std::nullopt;
    }
    std::optional<Value> v = eval_operand(a, stmt, s.operand(1));
    if (!v) return std::nullopt;
    if (v->absolute() && (v->v < -(int64_t{1} << 31) || v->v > kMax32)) {
        error_at(a, s, s.operand(1), "value " + std::to_string(v->v) + " does not fit in 32 bits");
        return std::nullopt;
    }
    define_symbol(a, name[0].text, *v, SymbolKind::Constant, stmt, &name[0]);
    return 0;
}

// .word, .half, .byte in pass 2: each value checked against the width.
void values(Assembly& a, size_t stmt, int width) {
    Stmt& s = a.stmts[stmt];
    int64_t min = -(int64_t{1} << (8 * width - 1)), max = (int64_t{1} << (8 * width)) - 1;
    uint64_t address = a.stmt_address(s).v;
    if (address % width != 0)
        a.diags.warning(s.line, s.head_token().col, s.head_token().len,
                        quote(name_of(s)) + " at " + hex32(static_cast<uint32_t>(address)) + " is not aligned to " +
                            std::to_string(width) + " bytes; loading it will trap with MISALIGNED",
                        "put '.align " + std::to_string(width) + "' before it");
    std::vector<uint8_t> bytes;
    for (size_t i = 0; i < s.operands.size(); ++i) {
        std::optional<Value> v = eval_operand(a, stmt, s.operand(i));
        if (!v) return;
        if (v->v < min || v->v > max)
            return error_at(a, s, s.operand(i),
                            "value " + std::to_string(v->v) + " does not fit in '" + name_of(s) + "' (" +
                                std::to_string(8 * width) + " bits: " + std::to_string(min) + ".." +
                                std::to_string(max) + ")");
        for (int b = 0; b < width; ++b) bytes.push_back(static_cast<uint8_t>(uint64_t(v->v) >> (8 * b)));
    }
    emit_bytes(a, s, s.offset, bytes);
}

void space_fill(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    int64_t fill = 0;
    if (s.operands.size() == 2) {
        std::optional<Value> v = eval_operand(a, stmt, s.operand(1));
        if (!v) return;
        if (v->v < -128 || v->v > 255)
            return error_at(a, s, s.operand(1), "fill byte " + std::to_string(v->v) + " out of range -128..255");
        fill = v->v;
    }
    emit_bytes(a, s, s.offset, std::vector<uint8_t>(s.size, static_cast<uint8_t>(fill)));
}

}  // namespace

// A name in toks that no line of the program defines (so pass 1 did not
// find it "yet": it never will), or "".
std::string never_defined(Assembly& a, std::span<const Token> toks) {
    if (!a.names_defined) {
        a.names_defined.emplace();
        for (const Stmt& s : a.stmts) {
            for (size_t i : s.labels) a.names_defined->insert(s.toks[i].text);
            if (s.kind == StmtKind::Directive && s.directive && s.directive->id == Directive::Equ &&
                !s.operands.empty())
                a.names_defined->insert(s.operand(0)[0].text);
        }
    }
    for (const Token& t : toks)
        if (t.kind == Tok::Ident && !a.symbols.count(t.text) && !a.names_defined->count(t.text)) return t.text;
    return "";
}

std::optional<int64_t> known_now(Assembly& a, size_t stmt, std::span<const Token> toks) {
    std::optional<Value> v = eval_operand(a, stmt, toks);
    if (!v) return std::nullopt;
    if (v->absolute()) return v->v;
    const Stmt& s = a.stmts[stmt];
    std::string missing = v->known ? "" : never_defined(a, toks);
    error_at(a, s, toks, quote(name_of(s)) + " needs a value known at this point",
             v->known          ? "a .data address is not known until the end of .text; place .data with .org first"
             : missing.empty() ? "it cannot use a symbol defined further down"
                               : quote(missing) + " is not defined anywhere in the program");
    return std::nullopt;
}

std::optional<std::string> read_included(Assembly& a, const Stmt& s, std::span<const Token> arg) {
    if (arg.size() != 1 || arg[0].kind != Tok::String) {
        error_at(a, s, arg, quote(name_of(s)) + " takes one file name in quotes: " + name_of(s) + " \"FILE\"");
        return std::nullopt;
    }
    const std::string& including = a.source.files[a.source.lines[s.line].file];
    std::string path = find_file(arg[0].str, including, a.options.include_dirs);
    std::string text, why;
    if (path.empty()) {
        error_at(a, s, arg, "cannot find file " + quote_path(arg[0].str),
                 "looked in " + search_places(including, a.options.include_dirs));
        return std::nullopt;
    }
    if (!read_file(path, text, why)) {
        error_at(a, s, arg, "cannot read " + quote_path(path) + ": " + why);
        return std::nullopt;
    }
    return text;
}

namespace {
Size incbin(Assembly& a, Stmt& s) {
    std::optional<std::string> text = read_included(a, s, s.operand(0));
    if (!text) return std::nullopt;
    s.incbin.assign(text->begin(), text->end());
    return static_cast<uint32_t>(s.incbin.size());
}
}  // namespace

void directive_pass1(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    Size size = 0;
    switch (s.directive->id) {
    case Directive::Text:
    case Directive::Data:
        if (!section_switch_allowed(a, stmt)) size = std::nullopt;
        else a.current = s.directive->id == Directive::Text ? SectionId::Text : SectionId::Data;
        break;
    case Directive::User: size = user_begin(a, stmt); break;
    case Directive::EndUser: size = user_end(a, stmt); break;
    case Directive::Incimage: size = incimage(a, stmt); break;
    case Directive::Org: size = org(a, stmt); break;
    case Directive::Align: size = align(a, stmt); break;
    case Directive::Space: size = space(a, stmt); break;
    case Directive::Word: size = 4 * static_cast<uint32_t>(s.operands.size()); break;
    case Directive::Half: size = 2 * static_cast<uint32_t>(s.operands.size()); break;
    case Directive::Byte: size = static_cast<uint32_t>(s.operands.size()); break;
    case Directive::Ascii: size = strings_size(a, s, false); break;
    case Directive::Asciz: size = strings_size(a, s, true); break;
    case Directive::Equ: size = equ(a, stmt); break;
    case Directive::Incbin: size = incbin(a, s); break;
    case Directive::Include:
    case Directive::Macro:
    case Directive::Endm: break;  // the preprocessor consumed these lines
    }
    s.size = size.value_or(0);
    s.bad = !size;
}

void directive_pass2(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    std::vector<uint8_t> bytes;
    switch (s.directive->id) {
    case Directive::Word: return values(a, stmt, 4);
    case Directive::Half: return values(a, stmt, 2);
    case Directive::Byte: return values(a, stmt, 1);
    case Directive::Space: return space_fill(a, stmt);
    case Directive::Align: return emit_bytes(a, s, s.offset, std::vector<uint8_t>(s.size, 0));
    case Directive::Incbin:
    case Directive::Incimage: return emit_bytes(a, s, s.offset, s.incbin);
    case Directive::Ascii:
    case Directive::Asciz:
        for (size_t i = 0; i < s.operands.size(); ++i) {
            const std::string& str = s.operand(i)[0].str;
            bytes.insert(bytes.end(), str.begin(), str.end());
            if (s.directive->id == Directive::Asciz) bytes.push_back(0);
        }
        return emit_bytes(a, s, s.offset, bytes);
    default: return;  // .org .equ .text .data: nothing to emit
    }
}

}  // namespace trapvm::detail
