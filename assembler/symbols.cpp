// Symbols: labels, constants, numeric local labels, and what an undefined
// name most likely meant.
#include "assembler/context.hpp"
#include "pg32_inc.gen.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace trapvm::detail {
namespace {

constexpr int64_t kMin32 = -(int64_t{1} << 31);
constexpr int64_t kMax32 = (int64_t{1} << 32) - 1;

const pg32::PortInfo* port_by_name(std::string_view name) {
    for (const pg32::PortInfo& p : pg32::kPorts)
        if (name == p.name) return &p;
    return nullptr;
}

std::string where(const Assembly& a, const SymbolDef& d) {
    if (d.line == kNoLine) return "on the command line (-D)";
    const SourceLine& l = a.source.lines[d.line];
    return "at " + printable(a.source.files[l.file]) + ":" + std::to_string(l.line) + ":" + std::to_string(d.col);
}

bool in_builtin_include(const std::string& name) {
    static const std::unordered_set<std::string> names = [] {  // once: an undefined name may come 200,000 times
        std::unordered_set<std::string> out;
        std::string_view text = pg32::kGuestInclude;
        for (size_t at = text.find(".equ "); at != std::string_view::npos; at = text.find(".equ ", at + 1)) {
            size_t start = at + 5, end = text.find(',', start);
            if (end != std::string_view::npos) out.emplace(text.substr(start, end - start));
        }
        return out;
    }();
    return names.count(name) > 0;
}

// Why name is not defined, and what was probably meant.
ExprError undefined(const Token& name) {
    ExprError e{name.col, name.len, "", "", ""};
    if (pg32::register_by_name(to_lower(name.text))) {
        e.message = quote(name.text) + " is a register, but a value is expected here";
        return e;
    }
    if (port_by_name(name.text)) {
        e.message = quote(name.text) + " is a port name, which only in and out understand";
        e.note = "elsewhere use PORT_" + name.text + " from pg32.inc (.include \"pg32.inc\")";
        return e;
    }
    // "did you mean" compares the name with every symbol: only the errors
    // that will be shown pay for that (Diags::finish).
    e.message = quote(name.text) + " is not defined";
    e.suggest = name.text;
    if (in_builtin_include(name.text)) e.note = "it is defined in pg32.inc: add .include \"pg32.inc\"";
    return e;
}

std::optional<Value> local_label(Assembly& a, size_t stmt, const Token& t, ExprError& error) {
    auto it = a.locals.find(t.value);
    if (it != a.locals.end()) {
        const std::vector<LocalDef>& defs = it->second;  // in statement order
        auto after =
            std::upper_bound(defs.begin(), defs.end(), stmt, [](size_t s, const LocalDef& d) { return s < d.stmt; });
        if (t.forward && after != defs.end()) return after->value;
        if (!t.forward && after != defs.begin()) return std::prev(after)->value;
    }
    if (t.forward && !a.final_pass) return Value::unknown();
    error = {t.col, t.len,
             "no local label '" + std::to_string(t.value) + ":' " + (t.forward ? "after" : "before") + " this line", "",
             ""};
    return std::nullopt;
}

bool valid_name(const std::string& name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return false;
    return name != ".";
}

}  // namespace

std::optional<Value> StmtResolver::symbol(const Token& name, ExprError& error) {
    if (name.kind == Tok::LocalRef) return local_label(a_, stmt_, name, error);
    auto it = a_.symbols.find(name.text);
    if (it != a_.symbols.end()) return it->second.pending ? Value::unknown() : it->second.value;
    if (ports_)
        if (const pg32::PortInfo* p = port_by_name(name.text)) return Value{static_cast<int64_t>(p->value)};
    if (!a_.final_pass) return Value::unknown();
    error = undefined(name);
    return std::nullopt;
}

std::optional<Value> eval_operand(Assembly& a, size_t stmt, std::span<const Token> toks, bool port_names) {
    StmtResolver r(a, stmt, port_names);
    ExprResult res = evaluate(toks, r);
    if (res.error) {
        a.error(a.stmts[stmt], *res.error);
        return std::nullopt;
    }
    return res.value;
}

bool define_symbol(Assembly& a, const std::string& name, Value v, SymbolKind kind, size_t stmt, const Token* at) {
    size_t line = at ? a.stmts[stmt].line : kNoLine;
    auto report = [&](std::string msg, std::string note = {}) {
        if (at) a.diags.error(line, at->col, at->len, std::move(msg), std::move(note));
        else a.diags.file_error("<command line>", 0, "-D " + name + ": " + msg);
        return false;
    };
    if (pg32::register_by_name(to_lower(name)))
        return report(quote(name) + " is a register name; a label or constant needs another name");
    auto it = a.symbols.find(name);
    if (it != a.symbols.end()) {
        SymbolDef& old = it->second;
        bool same = kind == SymbolKind::Constant && old.kind == kind && !old.pending && old.value.absolute() &&
                    v.absolute() && old.value.v == v.v;
        if (same) return true;  // e.g. pg32.inc included twice: harmless
        bool labels = old.kind == SymbolKind::Label && kind == SymbolKind::Label;
        std::string what = labels ? "duplicate label " + quote(name) : quote(name) + " is already defined";
        return report(what, quote(name) + " was first defined " + where(a, old));
    }
    if (port_by_name(name) && at)
        a.diags.warning(line, at->col, at->len, quote(name) + " hides the port of the same name in in/out");
    a.symbols[name] = SymbolDef{v, kind, line, at ? at->col : 0, !v.known, stmt};
    a.symbol_order.push_back(name);
    return true;
}

void define_labels(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    Value here = a.program_address(s);  // in a .user program, a user address
    for (size_t i : s.labels) {
        const Token& t = s.toks[i];
        if (t.kind == Tok::Ident) {
            if (define_symbol(a, t.text, here, SymbolKind::Label, stmt, &t)) a.symbols[t.text].part = s.part;
        } else if (t.text.find_first_not_of("0123456789") != std::string::npos) {
            a.error(s, t.col, t.len, "a local label is a decimal number, like '1:'");
        } else {
            a.locals[t.value].push_back({stmt, here});
        }
    }
}

void define_command_line(Assembly& a) {
    for (const auto& [name, value] : a.options.defines) {
        std::string where = "-D " + name + "=" + std::to_string(value) + ": ";
        if (!valid_name(name))
            a.diags.file_error("<command line>", 0, where + quote(name) + " is not a valid symbol name");
        else if (value < kMin32 || value > kMax32)
            a.diags.file_error("<command line>", 0, where + "the value does not fit in 32 bits");
        else define_symbol(a, name, Value{value}, SymbolKind::Constant, 0, nullptr);
    }
}

// Once .data has an address, offsets into it become addresses.
void place_data(Assembly& a, uint32_t base) {
    Section& data = a.section(SectionId::Data);
    data.base = base;
    data.placed = true;
    auto place = [&](Value& v) {
        if (v.floating) v.v += base, v.floating = false;
    };
    for (auto& [name, def] : a.symbols) place(def.value);
    for (auto& [n, defs] : a.locals)
        for (LocalDef& d : defs) place(d.value);
}

}  // namespace trapvm::detail
