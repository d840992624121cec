// Collecting diagnostics while assembling, and the helpers that make them
// useful to a student: did-you-mean suggestions and readable lists.
// Internal to the assembler.
#pragma once

#include "assembler/assembler.hpp"

#include <cstdint>
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

    // A problem on source line `line` (an index into Source::lines).
    void error(size_t line, int col, int len, std::string message, std::string note = {});
    void warning(size_t line, int col, int len, std::string message, std::string note = {});
    // A problem with a whole file (it cannot be read, say), before line `order`.
    void file_error(const std::string& file, size_t order, std::string message, int line = 0, int col = 0);

    bool any_errors() const { return errors_ > 0; }
    // The diagnostics in source order (stable: same line keeps report order).
    std::vector<Diagnostic> sorted() const;

private:
    void add(size_t line, int col, int len, bool warning, std::string message, std::string note);

    struct Entry {
        size_t order;
        Diagnostic d;
    };
    const Source& source_;
    std::vector<Entry> entries_;
    int errors_ = 0;
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

std::string hex32(uint32_t v);  // "0x0000012c"

// "'name'". (Built by appending: g++ 12 warns falsely, -Wrestrict, on a
// one-character literal + a std::string temporary.)
std::string quote(std::string_view s);

}  // namespace trapvm::detail
