// Collecting diagnostics while assembling, and the helpers that make them
// useful to a student: did-you-mean suggestions and readable lists.
// Internal to the assembler.
#pragma once

#include "assembler/assembler.hpp"
#include "isa-spec/hex.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm::detail {

// One line of the program after includes and macros, as the assembler sees it.
struct SourceLine {
    std::string text;
    uint32_t file = 0;  // where text came from: Image::files index
    int line = 0;
    uint32_t use_file = 0;  // the line the student wrote that produced this one
    int use_line = 0;       // (differs from file:line inside a macro); for the line table
    std::string context;    // "in macro 'push' used at prog.s:12", or empty
    // How much of text to assemble: all of it, or only the labels in front
    // of a line the preprocessor consumed (.include, .macro, a macro use).
    size_t assemble_end = std::string::npos;
};

// The program's files and lines; diagnostics refer to lines by index.
struct Source {
    std::vector<std::string> files;
    std::vector<SourceLine> lines;
    bool truncated = false;  // the preprocessor stopped at its line limit
};

class Diags {
public:
    explicit Diags(const Source& source) : source_(source) {}

    // A problem on source line `line` (an index into Source::lines). When
    // suggest is set, the message gets "; did you mean 'x'?" for the
    // program's symbol closest to it, once the error is known to be shown.
    void error(size_t line, int col, int len, std::string message, std::string note = {}, std::string suggest = {});
    void warning(size_t line, int col, int len, std::string message, std::string note = {});
    // A problem with a whole file (it cannot be read, say), before line `order`.
    void file_error(const std::string& file, size_t order, std::string message, int line = 0, int col = 0);

    bool any_errors() const { return errors_ > 0; }
    // The first kMaxShownDiagnostics errors and as many warnings, in source
    // order (stable: same line keeps report order), and how many more there
    // were; symbols are the names suggestions are chosen from.
    void finish(AssembleResult& result, const std::vector<std::string>& symbols) const;

private:
    struct Entry {
        Diagnostic d;
        std::string suggest;
    };
    using Key = std::pair<size_t, uint64_t>;  // source order, then report order
    using Kept = std::map<Key, Entry>;

    bool shown(const Kept& kept, const Key& key) const;
    void keep(Kept& kept, const Key& key, Entry entry);
    void add(size_t line, int col, int len, bool warning, std::string message, std::string note, std::string suggest);

    const Source& source_;
    Kept errors_kept_, warnings_kept_;  // only what will be shown: a bounded number
    uint64_t reported_ = 0;
    int errors_ = 0, warnings_ = 0;
};

// The candidate closest to word by edit distance, if it is close enough to
// be a likely typo; else empty. Compares case-insensitively.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

// "; did you mean 'x'?" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// "r0..r15 or zero, ra, sp, a0..a4, t0..t3, s0..s3, fp", from registers.tbl.
std::string register_list();
// "psw, tvec, epc, ..." from csrs.tbl.
std::string csr_list();

using pg32::hex32;  // "0x0000012c" (isa-spec/hex.hpp)

// Text from the source as a diagnostic shows it: printable() for each byte
// a terminal could take as a control sequence (and every non-ASCII byte),
// but backslashes and tabs as the student wrote them, so that "a\n" in a
// string reads as typed and the caret lines up under tabs.
std::string shown_source(std::string_view text);

// text cut to kMaxShownChars, then " (N characters)" when it was cut:
// "'9999...' (5000000 characters)". quote() is for source text (tokens,
// names), quote_path() for file names, escaped as printable() does.
std::string quote(std::string_view text);
std::string quote_path(std::string_view path);
std::string shown_path(std::string_view path);  // as quote_path(), without the quote marks

// A list of names, "a, b, c", cut after a few with "and N more".
std::string name_list(const std::vector<std::string>& names);

}  // namespace trapvm::detail
