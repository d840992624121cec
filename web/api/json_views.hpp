// The page's views as JSON, from the libraries' own types: the assembler's
// diagnostics (the CLI's very messages), and the ISA tables the editor's
// highlighting is generated from.
#pragma once

#include "assembler/assembler.hpp"

#include <nlohmann/json.hpp>

namespace trapvm::web {

// {"errors": n, "warnings": n, "diagnostics": [{"line", "column", "length",
// "warning", "message", "note", "text"}], "summary": "... and 3 more errors"}.
// text is format_diagnostic(): what `trapvm asm` prints for it.
nlohmann::ordered_json assembly_json(const AssembleResult& result);

// Assembles and says how it went: the diagnostics, and the image's size.
nlohmann::ordered_json assemble_json(const std::string& source, const std::string& name);

// Every name the assembler knows, from the generated tables and the
// assembler's directive table: {"instructions": [{"mnemonic", "syntax",
// "privileged", "summary"}], "pseudos", "registers", "csrs", "directives",
// "constants" (pg32.inc's), "causes", "ports"}.
nlohmann::ordered_json isa_json();

}  // namespace trapvm::web
