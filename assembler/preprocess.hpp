// The first stage of assembly: reads the program and the files it
// includes, expands macros, and produces the flat list of lines the
// assembler parses. Internal to the assembler.
#pragma once

#include "assembler/assembler.hpp"
#include "assembler/diagnostics.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm::detail {

// Reads a whole file (source_files.cpp). False (with the reason in *error)
// when it is missing, a directory, unreadable, or larger than kMaxFileBytes.
inline constexpr size_t kMaxFileBytes = 64u << 20;
bool read_file(const std::string& path, std::string& out, std::string& error);

// Where `.include "name"` or `.incbin "name"` finds its file: the including
// file's folder first, then include_dirs in order. Empty when not found.
std::string find_file(const std::string& name, const std::string& including_file,
                      const std::vector<std::string>& include_dirs);

// "dir/ (the including file's folder), inc/ (-I)": where find_file looked.
std::string search_places(const std::string& including_file, const std::vector<std::string>& include_dirs);

// The first byte of text that cannot be in a text file, as "0x00", with its
// line and column; empty for text. (source_files.cpp)
std::string binary_junk(std::string_view text, int& line, int& col);

// The line of text that starts at start, without its '\n' or the '\r' of a
// CRLF line end; start moves to the next line.
std::string_view next_line(std::string_view text, size_t& start);

// Fills source with the program's lines. Problems (missing includes,
// cycles, bad macros, binary files) go to diags. A line the preprocessor
// consumed (.include, .macro ... .endm) stays in source.lines so that
// diagnostics can show it, with SourceLine::assemble_end cut before it.
void preprocess_file(const std::string& path, const AssembleOptions& options, Source& source, Diags& diags);
void preprocess_text(std::string_view text, const std::string& name, const AssembleOptions& options, Source& source,
                     Diags& diags);

// The name the built-in pg32.inc gets in Image::files and diagnostics.
inline constexpr const char* kBuiltinIncludeName = "<built-in>/pg32.inc";

}  // namespace trapvm::detail
