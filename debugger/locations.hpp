// Talking about addresses: reading the locations a user types, and naming
// addresses with the program's symbols and source lines.
//
// Locations the commands take (all give (guest-)physical addresses):
//   0x1000, 4096        a number
//   loop, loop+8        a label or constant, with an optional offset
//   prog.s:12           the first code at or after line 12 of prog.s
//   $pc, $sp+4          a register's value as the program uses it, translated
//                       through the current mode and R
#pragma once

#include "image/image.hpp"
#include "isa-spec/hex.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace trapvm::debug {

std::optional<uint64_t> parse_number(std::string_view text);

// The current state, as locations need it: a register's value (-1 = pc) and
// the translation of a program address.
struct LocationContext {
    const Image* image = nullptr;
    std::function<uint32_t(int reg)> reg;
    std::function<std::optional<uint32_t>(uint32_t address)> physical;
};

struct Location {
    std::optional<uint32_t> address;
    std::string error;       // when there is no address
    std::string line_moved;  // FILE:LINE with no code there: the line used instead
};

Location resolve_location(std::string_view text, const LocationContext& context);

// Names for addresses, from one program's image.
class Symbols {
public:
    explicit Symbols(const Image* image) : image_(image) {}
    // "loop", "loop+8", or "" when no label of the image covers the address.
    // Names and paths come from the image, untrusted: both are printable().
    std::string label(uint32_t physical) const;
    // "prog.s:12", or "".
    std::string line(uint32_t physical) const;
    const Image* image() const { return image_; }

private:
    bool inside_image(uint32_t physical) const;
    const Image* image_;
};

using pg32::hex32;  // "0x0000002a" (isa-spec/hex.hpp)

// disassemble_word() of the instruction at pc, with the image's labels (for
// branch targets; null: none) printable().
std::string disassembly(uint32_t word, uint32_t pc, const Image* image);

}  // namespace trapvm::debug
