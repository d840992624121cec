// Fuzzing the assembler: any text gives a clean list of diagnostics.
//
// Beyond "no crash, no hang": a failed assembly has at least one error and
// every diagnostic says where and what; a successful one gives an image
// that survives the image writer and reader unchanged and that the
// disassembler can list.
#include "fuzz/harness.hpp"

#include "assembler/assembler.hpp"
#include "image/disassembler.hpp"

#include <string_view>

namespace trapvm::fuzz {

namespace {

std::string check_diagnostics(const AssembleResult& r) {
    for (const Diagnostic& d : r.diagnostics) {
        if (d.message.empty()) return "a diagnostic without a message";
        if (d.line < 0 || d.column < 0) return "a diagnostic with a negative line or column: " + d.message;
        if (format_diagnostic(d).empty()) return "a diagnostic that formats to nothing";
    }
    if (!r.ok() && r.error_count() == 0) return "the assembly failed without an error diagnostic";
    return "";
}

std::string check_image(const Image& image) {
    std::vector<uint8_t> bytes = write_image(image);
    std::string error;
    std::optional<Image> again = read_image(bytes, &error);
    if (!again) return "the image it made does not read back: " + error;
    if (write_image(*again) != bytes) return "the image changed on a write-read round trip";
    (void)list_image(*again);
    return "";
}

}  // namespace

std::string assembler_one(Bytes input) {
    // Inputs past 64 KiB only make the fuzzer slower; the size limits have
    // their own tests.
    if (input.size() > (64u << 10)) return "";
    std::string_view text(reinterpret_cast<const char*>(input.data()), input.size());
    AssembleResult r = assemble_source(text, "fuzz.s");
    if (std::string problem = check_diagnostics(r); !problem.empty()) return problem;
    return r.ok() ? check_image(*r.image) : "";
}

}  // namespace trapvm::fuzz
