// Helpers for the assembler tests: assemble a snippet, read words back.
#pragma once

#include "assembler/assembler.hpp"
#include "image/disassembler.hpp"

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

namespace asmtest {

using namespace trapvm;

// Concatenates pieces by appending. (g++ 12 warns falsely, -Wrestrict, on
// "literal" + std::string temporaries; appending avoids that pattern.)
template <typename... Parts> std::string cat(const Parts&... parts) {
    std::string out;
    ((out += parts), ...);
    return out;
}

inline std::string diagnostics_text(const AssembleResult& r) {
    std::string out;
    for (const Diagnostic& d : r.diagnostics) out += format_diagnostic(d);
    return out;
}

// Makes a profile the active one (what --profile does) for one scope.
struct ProfileScope {
    explicit ProfileScope(const pg32::ProfileInfo& p) : saved(pg32::active_profile()) { pg32::select_profile(p); }
    ~ProfileScope() { pg32::select_profile(saved); }
    ProfileScope(const ProfileScope&) = delete;
    ProfileScope& operator=(const ProfileScope&) = delete;
    const pg32::ProfileInfo& saved;
};

// Assembles text that must assemble without errors (warnings allowed).
inline Image ok(std::string_view text, const AssembleOptions& options = {}) {
    AssembleResult r = assemble_source(text, "test.s", options);
    INFO("source:\n", std::string(text), "\ndiagnostics:\n", diagnostics_text(r));
    REQUIRE(r.ok());
    return *r.image;
}

// The first error's message ("" when there is none).
inline std::string first_error(std::string_view text, const AssembleOptions& options = {}) {
    AssembleResult r = assemble_source(text, "test.s", options);
    for (const Diagnostic& d : r.diagnostics)
        if (!d.warning) return d.message;
    return "";
}

inline std::optional<uint8_t> byte_at(const Image& image, uint32_t address) {
    for (const Segment& s : image.segments)
        if (address >= s.address && address - s.address < s.bytes.size()) return s.bytes[address - s.address];
    return std::nullopt;
}

inline std::vector<uint8_t> bytes_at(const Image& image, uint32_t address, size_t n) {
    std::vector<uint8_t> out;
    for (size_t i = 0; i < n; ++i) {
        std::optional<uint8_t> b = byte_at(image, address + static_cast<uint32_t>(i));
        REQUIRE_MESSAGE(b.has_value(), "no byte at address ", address + i);
        out.push_back(*b);
    }
    return out;
}

inline uint32_t word_at(const Image& image, uint32_t address) {
    std::vector<uint8_t> b = bytes_at(image, address, 4);
    return b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
}

inline std::vector<uint32_t> words(const Image& image, uint32_t address, size_t n) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < n; ++i) out.push_back(word_at(image, address + 4 * static_cast<uint32_t>(i)));
    return out;
}

// All bytes of the image, segment after segment.
inline size_t total_size(const Image& image) {
    size_t n = 0;
    for (const Segment& s : image.segments) n += s.bytes.size();
    return n;
}

}  // namespace asmtest
