// Diagnostics: formatting, collecting, suggestions (see diagnostics.hpp).
#include "assembler/diagnostics.hpp"

#include "assembler/lexer.hpp"
#include "isa-spec/isa.hpp"

#include <algorithm>
#include <cctype>

namespace trapvm {

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = d.file;
    if (d.line > 0) out.append(":").append(std::to_string(d.line)).append(":").append(std::to_string(d.column));
    out += d.warning ? ": warning: " : ": error: ";
    out += d.message + "\n";
    if (!d.source_line.empty()) {
        out += "    " + d.source_line + "\n    ";
        // Copy tabs from the source so the caret lines up however tabs render.
        for (int i = 0; i + 1 < d.column && i < static_cast<int>(d.source_line.size()); ++i)
            out += d.source_line[i] == '\t' ? '\t' : ' ';
        out.append("^").append(std::string(std::max(d.length, 1) - 1, '~')).append("\n");
    }
    size_t start = 0;
    while (!d.note.empty() && start <= d.note.size()) {
        size_t end = d.note.find('\n', start);
        if (end == std::string::npos) end = d.note.size();
        out += "note: " + d.note.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

int AssembleResult::error_count() const {
    return static_cast<int>(std::count_if(diagnostics.begin(), diagnostics.end(), [](auto& d) { return !d.warning; }));
}

int AssembleResult::warning_count() const {
    return static_cast<int>(diagnostics.size()) - error_count();
}

namespace detail {

void Diags::add(size_t line, int col, int len, bool warning, std::string message, std::string note) {
    const SourceLine& l = source_.lines[line];
    Diagnostic d;
    d.file = source_.files[l.file];
    d.line = l.line;
    d.column = col;
    d.length = len;
    d.warning = warning;
    d.message = std::move(message);
    d.source_line = l.text;
    d.note = std::move(note);
    if (!l.context.empty()) d.note += (d.note.empty() ? "" : "\n") + l.context;
    entries_.push_back({line, std::move(d)});
    if (!warning) ++errors_;
}

void Diags::error(size_t line, int col, int len, std::string message, std::string note) {
    add(line, col, len, false, std::move(message), std::move(note));
}

void Diags::warning(size_t line, int col, int len, std::string message, std::string note) {
    add(line, col, len, true, std::move(message), std::move(note));
}

void Diags::file_error(const std::string& file, size_t order, std::string message, int line, int col) {
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.column = col;
    d.message = std::move(message);
    entries_.push_back({order, std::move(d)});
    ++errors_;
}

std::vector<Diagnostic> Diags::sorted() const {
    std::vector<Entry> e = entries_;
    std::stable_sort(e.begin(), e.end(), [](const Entry& a, const Entry& b) { return a.order < b.order; });
    std::vector<Diagnostic> out;
    for (Entry& x : e) out.push_back(std::move(x.d));
    return out;
}

namespace {
// Edits (insert, delete, replace, swap two neighbours) from a to b: the
// optimal-string-alignment distance, so "pws" is one edit from "psw".
size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
    for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (size_t i = 1; i <= a.size(); ++i)
        for (size_t j = 1; j <= b.size(); ++j) {
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
        }
    return d[a.size()][b.size()];
}
}  // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string lower = to_lower(word);
    // Words up to four letters allow one edit, longer ones two: "ad" -> "add",
    // "count" -> "counter", but not "loop" -> "nop".
    size_t limit = lower.size() <= 4 ? 1 : 2;
    std::string best;
    size_t best_distance = limit + 1;
    for (const std::string& c : candidates) {
        size_t d = edit_distance(lower, to_lower(c));
        if (d < best_distance && d < lower.size()) best = c, best_distance = d;
    }
    return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string c = closest(word, candidates);
    return c.empty() ? "" : "; did you mean '" + c + "'?";
}

namespace {
// Splits "a4" into ("a", 4); a name without a numeric suffix has number -1.
std::pair<std::string, int> split_number(const std::string& name) {
    size_t i = name.size();
    while (i > 0 && std::isdigit(static_cast<unsigned char>(name[i - 1]))) --i;
    if (i == name.size() || i == 0) return {name, -1};
    return {name.substr(0, i), std::stoi(name.substr(i))};
}
}  // namespace

std::string register_list() {
    std::vector<std::string> names;  // first names in order, then the aliases
    for (const pg32::RegisterInfo& r : pg32::kRegisters) names.push_back(r.names[0]);
    for (const pg32::RegisterInfo& r : pg32::kRegisters)
        if (r.names[1]) names.push_back(r.names[1]);
    std::string out = "r0..r" + std::to_string(pg32::kRegisterCount - 1) + " or ";
    for (size_t i = 0; i < names.size();) {
        auto [prefix, first] = split_number(names[i]);
        size_t j = i + 1;  // extend a run like a0, a1, a2 into "a0..a2"
        while (first >= 0 && j < names.size() && split_number(names[j]) == std::pair(prefix, first + int(j - i))) ++j;
        out += (i ? ", " : "") + names[i] + (j - i > 1 ? ".." + names[j - 1] : "");
        i = j;
    }
    return out;
}

std::string csr_list() {
    std::string out;
    for (const pg32::CsrInfo& c : pg32::kCsrs) out += (out.empty() ? "" : ", ") + std::string(c.name);
    return out;
}

std::string quote(std::string_view s) {
    std::string out = "'";
    out.append(s).append("'");
    return out;
}

std::string hex32(uint32_t v) {
    char buf[16];
    snprintf(buf, sizeof buf, "0x%08x", v);
    return buf;
}

}  // namespace detail
}  // namespace trapvm
