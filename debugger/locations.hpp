// Talking about addresses: reading the locations a user types, and naming
// addresses with the program's symbols and source lines.
//
// Locations the commands take (all give (guest-)physical addresses):
//   0x1000, 4096        a number
//   loop, loop+8        a label or constant, with an optional offset
//   prog.s:12           the first code at or after line 12 of prog.s
//   $pc, $sp+4          a register's value as the program uses it, translated
//                       through the current mode and R
//   @0x2e4, @0x2e4+4    a user address: rbase + 0x2e4 while it is below rbound,
//                       in either mode (a kernel's handler looking at its
//                       user program's memory, a user variable by number)
//
// A label or line of a user program the image holds (pg32-reference.md §7:
// `.user`, `.incimage`) is a user address: it has a physical address only
// while that program is the one at R (rbase + the address). `break` takes
// it as it is: it stops in that program at that user address, at any rbase.
#pragma once

#include "image/code_map.hpp"
#include "image/image.hpp"
#include "isa-spec/hex.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm::debug {

class World;

std::optional<uint64_t> parse_number(std::string_view text);

// A user program and an address in it (a user address).
struct UserAt {
    const UserProgram* program = nullptr;
    uint32_t address = 0;
    friend bool operator==(const UserAt&, const UserAt&) = default;
};

// The user program at the current R, and R's base.
struct Running {
    const UserProgram* program = nullptr;
    uint32_t rbase = 0;
};

// The current state, as locations need it: a register's value (-1 = pc),
// the translation of a program address, and the user program at R.
struct LocationContext {
    const Image* image = nullptr;
    std::function<uint32_t(int reg)> reg;
    std::function<std::optional<uint32_t>(uint32_t address)> physical;
    std::function<std::optional<uint32_t>(uint32_t user)> user_physical;  // through R, in either mode
    Running running;
};

struct Location {
    std::optional<uint32_t> address;
    std::string error;         // when there is no address
    std::string line_moved;    // FILE:LINE with no code there: the line used instead
    std::vector<UserAt> user;  // a user program's label or line: where in each program
};

Location resolve_location(std::string_view text, const LocationContext& context);

// "main (user code of hello, count)": a user location, for messages.
std::string describe_user(std::string_view text, const std::vector<UserAt>& user);

// Names for addresses, from one VM's program image: inside the region R
// points at, the user program memory holds there (image/code_map.hpp);
// inside a user program's bytes in the image, that program's; elsewhere
// the image's own labels and lines.
class Symbols {
public:
    Symbols(const Image* image, const World* world, int vm);
    // "loop", "loop+8", or "" when no label covers the address.
    // Names and paths come from the image, untrusted: both are printable().
    std::string label(uint32_t physical) const;
    // "prog.s:12", or "".
    std::string line(uint32_t physical) const;
    // The line-table entry of the code at physical (its file indexes the image's files), or null.
    const LineInfo* line_info(uint32_t physical) const;
    // disassemble_word() of the word at physical that the program runs at
    // address, with its labels where they are the pc's terms.
    std::string disassemble(uint32_t word, uint32_t physical, uint32_t address) const;
    // The user program at the VM's R now (program null: none).
    Running running() const;
    const Image* image() const { return image_; }

private:
    struct Place {
        const UserProgram* program = nullptr;  // null: the image's own
        uint32_t address = 0;                  // a user address in program, else physical
    };
    std::optional<Place> place(uint32_t physical) const;
    bool inside_image(uint32_t physical) const;

    const Image* image_;
    const World* world_;
    int vm_;
    std::optional<CodeMap> map_;
};

using pg32::hex32;  // "0x0000002a" (isa-spec/hex.hpp)

// disassemble_word() of the instruction at pc, with the image's labels (for
// branch targets; null: none) printable().
std::string disassembly(uint32_t word, uint32_t pc, const Image* image);

}  // namespace trapvm::debug
