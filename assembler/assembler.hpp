// The PG32 assembler: source text in, an Image or diagnostics out.
//
// The language is documented in isa-spec/pg32-reference.md §7. Mnemonics,
// operand kinds, ranges and encodings all come from the generated ISA tables
// (isa-spec/isa.hpp), so a new row in instructions.tbl is assembled, checked
// and disassembled with no change here.
//
// Errors are values: nothing here throws. Every problem becomes a Diagnostic
// pointing at a file, line and column, and the assembler goes on to the next
// line so that one run reports every error in the program.
#pragma once

#include "image/image.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trapvm {

struct Diagnostic {
    std::string file;
    int line = 0;    // 1-based; 0 when the problem is with the file as a whole
    int column = 0;  // 1-based byte column in source_line
    int length = 1;  // how many columns the ^~~~ marker covers
    bool warning = false;
    std::string message;
    std::string source_line;  // the line as assembled (a macro's line after substitution)
    std::string note;         // optional; several notes are separated by '\n'
};

// What a diagnostic shows, so that no input makes a message huge: a name,
// token or source line longer than kMaxShownChars is cut there and says how
// long it was; past kMaxShownDiagnostics errors (and as many warnings), in
// source order, the rest are only counted.
inline constexpr size_t kMaxShownChars = 120;
inline constexpr int kMaxShownDiagnostics = 100;

// "file:line:col: error: message\n    source line\n    ^~~~\nnote: ...\n".
// Bytes a terminal could take as control sequences are shown as \xHH.
std::string format_diagnostic(const Diagnostic& d);

struct AssembleOptions {
    std::vector<std::string> include_dirs;                 // searched after the including file's folder
    std::vector<std::pair<std::string, int64_t>> defines;  // -D NAME=VALUE: constants
};

struct AssembleResult {
    std::optional<Image> image;  // set exactly when there are no errors
    // Errors and warnings in source order: the first kMaxShownDiagnostics of each.
    std::vector<Diagnostic> diagnostics;
    int hidden_errors = 0;  // errors past those: counted, not kept
    int hidden_warnings = 0;
    bool ok() const { return image.has_value(); }
    int error_count() const;  // all of them, hidden ones included
    int warning_count() const;
};

// Every diagnostic of r formatted, then, when some are hidden, one line
// "... and 199900 more errors (200000 in all)".
std::string format_diagnostics(const AssembleResult& r);

AssembleResult assemble_file(const std::string& path, const AssembleOptions& options = {});
AssembleResult assemble_source(std::string_view text, const std::string& name, const AssembleOptions& options = {});

}  // namespace trapvm
