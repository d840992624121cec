// Assembling a test program by its path in the source tree; the test fails
// with the assembler's messages when it has errors.
#pragma once

#include "assembler/assembler.hpp"

#include <doctest/doctest.h>

#include <string>

namespace trapvm::test {

inline Image assemble_source(const std::string& relative_path) {
    AssembleResult r = assemble_file(std::string(TRAPVM_SOURCE_DIR) + "/" + relative_path);
    std::string errors;
    for (const Diagnostic& d : r.diagnostics) errors += format_diagnostic(d);
    INFO(relative_path, "\n", errors);
    REQUIRE(r.ok());
    return *r.image;
}

}  // namespace trapvm::test
