// Diagnostics: formatting, collecting, suggestions (see diagnostics.hpp).
#include "assembler/diagnostics.hpp"

#include "assembler/lexer.hpp"
#include "isa-spec/isa.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace trapvm {

namespace {

using detail::shown_source;

// The bytes of a long source line a diagnostic shows: kMaxShownChars of
// them, with the marker's first byte (col0) among them and some context
// before it.
std::pair<size_t, size_t> window(size_t size, size_t col0) {
    if (size <= kMaxShownChars) return {0, size};
    size_t begin = std::min(col0 > kMaxShownChars / 3 ? col0 - kMaxShownChars / 3 : 0, size - kMaxShownChars);
    return {begin, begin + kMaxShownChars};
}

// "    the line\n    ^~~~\n", cut to its window, the caret under the escaped text.
std::string quoted_line(const Diagnostic& d) {
    const std::string& line = d.source_line;
    size_t col0 = static_cast<size_t>(std::max(d.column, 1) - 1);
    auto [begin, end] = window(line.size(), std::min(col0, line.size()));
    std::string_view shown = std::string_view(line).substr(begin, end - begin);
    std::string out = "    ";
    out.append(begin > 0 ? "..." : "").append(shown_source(shown)).append(end < line.size() ? "..." : "");
    if (begin > 0 || end < line.size()) out += " (" + std::to_string(line.size()) + " characters)";
    out += "\n    " + std::string(begin > 0 ? 3 : 0, ' ');
    // Copy tabs from the source so the caret lines up however tabs render.
    for (size_t i = begin; i < col0 && i < end; ++i)
        out += line[i] == '\t' ? std::string(1, '\t') : std::string(shown_source(line.substr(i, 1)).size(), ' ');
    size_t marked = 1;
    if (col0 < end) {
        size_t len = std::min(static_cast<size_t>(std::max(d.length, 1)), end - col0);
        marked = std::max<size_t>(shown_source(std::string_view(line).substr(col0, len)).size(), 1);
    }
    return out.append("^").append(marked - 1, '~').append("\n");
}

// A message or note line, escaped and cut like quoted text: a safety net
// under the quoting of each name where the message is made.
std::string shown_text(std::string_view text) {
    constexpr size_t kMaxLine = 8 * kMaxShownChars;
    if (text.size() <= kMaxLine) return shown_source(text);
    return shown_source(text.substr(0, kMaxLine)) + "... (" + std::to_string(text.size()) + " characters)";
}

std::string counted(int n, const char* what) { return std::to_string(n) + " more " + what + (n == 1 ? "" : "s"); }

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
    std::string out = printable(d.file);
    if (d.line > 0) out.append(":").append(std::to_string(d.line)).append(":").append(std::to_string(d.column));
    out += d.warning ? ": warning: " : ": error: ";
    out += shown_text(d.message) + "\n";
    if (!d.source_line.empty()) out += quoted_line(d);
    size_t start = 0;
    while (!d.note.empty() && start <= d.note.size()) {
        size_t end = d.note.find('\n', start);
        if (end == std::string::npos) end = d.note.size();
        out += "note: " + shown_text(std::string_view(d.note).substr(start, end - start)) + "\n";
        start = end + 1;
    }
    return out;
}

std::string format_diagnostics(const AssembleResult& r) {
    std::string out;
    for (const Diagnostic& d : r.diagnostics) out += format_diagnostic(d);
    int errors = r.error_count(), warnings = r.warning_count();
    std::string more;
    if (r.hidden_errors > 0)
        more += " and " + counted(r.hidden_errors, "error") + " (" + std::to_string(errors) + " in all)";
    if (r.hidden_warnings > 0)
        more += " and " + counted(r.hidden_warnings, "warning") + " (" + std::to_string(warnings) + " in all)";
    if (!more.empty()) out += "..." + more + "\n";
    return out;
}

int AssembleResult::error_count() const {
    auto shown = std::count_if(diagnostics.begin(), diagnostics.end(), [](auto& d) { return !d.warning; });
    return static_cast<int>(shown) + hidden_errors;
}

int AssembleResult::warning_count() const {
    return static_cast<int>(diagnostics.size()) - (error_count() - hidden_errors) + hidden_warnings;
}

namespace detail {

// Whether an entry with this key is among the first kMaxShownDiagnostics:
// a later report can only push it further out, so once not, never.
bool Diags::shown(const Kept& kept, const Key& key) const {
    return kept.size() < static_cast<size_t>(kMaxShownDiagnostics) || key < std::prev(kept.end())->first;
}

void Diags::keep(Kept& kept, const Key& key, Entry entry) {
    kept.emplace(key, std::move(entry));
    if (kept.size() > static_cast<size_t>(kMaxShownDiagnostics)) kept.erase(std::prev(kept.end()));
}

void Diags::add(size_t line, int col, int len, bool warning, std::string message, std::string note,
                std::string suggest) {
    ++(warning ? warnings_ : errors_);
    Kept& kept = warning ? warnings_kept_ : errors_kept_;
    Key key{line, reported_++};
    if (!shown(kept, key)) return;  // counted, and nothing more is spent on it
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
    keep(kept, key, {std::move(d), std::move(suggest)});
}

void Diags::error(size_t line, int col, int len, std::string message, std::string note, std::string suggest) {
    add(line, col, len, false, std::move(message), std::move(note), std::move(suggest));
}

void Diags::warning(size_t line, int col, int len, std::string message, std::string note) {
    add(line, col, len, true, std::move(message), std::move(note), {});
}

void Diags::file_error(const std::string& file, size_t order, std::string message, int line, int col) {
    ++errors_;
    Key key{order, reported_++};
    if (!shown(errors_kept_, key)) return;
    Diagnostic d;
    d.file = file;
    d.line = line;
    d.column = col;
    d.message = std::move(message);
    keep(errors_kept_, key, {std::move(d), {}});
}

void Diags::finish(AssembleResult& result, const std::vector<std::string>& symbols) const {
    std::vector<std::pair<Key, const Entry*>> all;
    for (const Kept* kept : {&errors_kept_, &warnings_kept_})
        for (const auto& [key, entry] : *kept) all.push_back({key, &entry});
    std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    result.diagnostics.clear();
    for (const auto& [key, entry] : all) {
        result.diagnostics.push_back(entry->d);
        if (!entry->suggest.empty()) result.diagnostics.back().message += did_you_mean(entry->suggest, symbols);
    }
    result.hidden_errors = errors_ - static_cast<int>(errors_kept_.size());
    result.hidden_warnings = warnings_ - static_cast<int>(warnings_kept_.size());
}

namespace {

constexpr size_t kMaxSuggestedLength = 64;  // longer words are no typos of a name

// ASCII only, without the locale: names are ASCII, and this runs for every
// candidate of every suggestion.
char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Edits (insert, delete, replace, swap two neighbours) from a to b, case
// ignored: the optimal-string-alignment distance, so "pws" is one edit from
// "psw". a is lower case already; both are short (kMaxSuggestedLength).
// Counting stops once every way needs more than limit edits.
size_t edit_distance(std::string_view a, std::string_view b, size_t limit) {
    std::array<std::array<size_t, kMaxSuggestedLength + 3>, 3> rows;  // rows i-2, i-1, i
    size_t* before = rows[0].data();
    size_t* last = rows[1].data();
    size_t* row = rows[2].data();
    for (size_t j = 0; j <= b.size(); ++j) last[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            row[j] = std::min({last[j] + 1, row[j - 1] + 1, last[j - 1] + (a[i - 1] != lower(b[j - 1]))});
            if (i > 1 && j > 1 && a[i - 1] == lower(b[j - 2]) && a[i - 2] == lower(b[j - 1]))
                row[j] = std::min(row[j], before[j - 2] + 1);
        }
        if (*std::min_element(row, row + b.size() + 1) > limit) return limit + 1;
        std::swap(before, last);
        std::swap(last, row);
    }
    return last[b.size()];
}

}  // namespace

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    if (word.size() > kMaxSuggestedLength) return "";
    std::string lowered(word);
    for (char& c : lowered) c = lower(c);
    // Words up to four letters allow one edit, longer ones two: "ad" -> "add",
    // "count" -> "counter", but not "loop" -> "nop".
    size_t limit = word.size() <= 4 ? 1 : 2;
    const std::string* best = nullptr;
    size_t best_distance = limit + 1;
    for (const std::string& c : candidates) {
        size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
        if (gap > limit) continue;  // needs more edits than allowed: no need to count them
        size_t d = edit_distance(lowered, c, limit);
        if (d < best_distance && d < word.size()) best = &c, best_distance = d;
    }
    return best ? *best : "";
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    std::string c = closest(word, candidates);
    return c.empty() ? "" : "; did you mean " + quote(c) + "?";
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

std::string shown_source(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        auto byte = static_cast<unsigned char>(text[i]);
        out += byte == '\\' || byte == '\t' ? std::string(1, text[i]) : printable(text.substr(i, 1));
    }
    return out;
}

namespace {
// text escaped by escape, in quote marks if given, cut to kMaxShownChars
// with its length.
template <typename Escape> std::string cut(std::string_view text, Escape escape, const char* mark) {
    std::string out = mark;  // appended piecewise: g++ 12 warns falsely (-Wrestrict) on a + chain
    if (text.size() <= kMaxShownChars) return out.append(escape(text)).append(mark);
    out.append(escape(text.substr(0, kMaxShownChars))).append("...").append(mark).append(" (");
    return out.append(std::to_string(text.size())).append(" characters)");
}
}  // namespace

std::string quote(std::string_view text) { return cut(text, shown_source, "'"); }
std::string quote_path(std::string_view path) { return cut(path, printable, "'"); }
std::string shown_path(std::string_view path) { return cut(path, printable, ""); }

std::string name_list(const std::vector<std::string>& names) {
    constexpr size_t kListed = 8;
    std::string out;
    for (size_t i = 0; i < names.size() && i < kListed; ++i)
        out.append(i ? ", " : "").append(names[i].size() <= kMaxShownChars ? names[i] : quote(names[i]));
    if (names.size() > kListed) out += " and " + std::to_string(names.size() - kListed) + " more";
    return out;
}

}  // namespace detail
}  // namespace trapvm
