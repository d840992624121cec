// A PG32 program image: what the assembler produces and the machine loads.
//
// An image is memory contents (segments) plus what tools need to talk about
// them: the entry point, the symbols, and a line table mapping each code word
// back to its source line. The on-disk format is in pg32-reference.md §8.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm {

struct Segment {
    uint32_t address = 0;
    std::vector<uint8_t> bytes;
};

enum class SymbolKind : uint8_t { Label, Constant };  // Constant: .equ or -D

struct Symbol {
    std::string name;
    uint32_t value = 0;
    SymbolKind kind = SymbolKind::Label;
};

// One per emitted word of code; a pseudo-instruction's words all map to the
// line that wrote it. file indexes Image::files.
struct LineInfo {
    uint32_t address = 0;
    uint32_t file = 0;
    uint32_t line = 0;
};

// A user program inside an image (pg32-reference.md §7: `.user` and
// `.incimage`): code and data that a kernel runs in user mode, relocated by
// R. Its labels and line table are in user addresses, 0 being the byte R's
// base points at; its bytes are in the image's segments from `address` on.
// A kernel may run it in place (rbase = address) or copy it to any region:
// tools recognise it there by its code (code_map.hpp).
//
//   physical (the image)              user (as R shows it)
//   address +----------------+        0x0000 +----------------+ <- label 0x0000
//           | the program's  |               | labels, lines  |
//           | bytes          |               | in these terms |
//   +size   +----------------+          size +----------------+
struct UserProgram {
    std::string name;             // "count": the image's file name, or .user's NAME
    uint32_t address = 0;         // where its user address 0 is in the image
    uint32_t size = 0;            // its user addresses are 0..size-1
    std::vector<Symbol> symbols;  // labels, in user addresses
    std::vector<LineInfo> lines;  // in user addresses, sorted; files index Image::files

    const LineInfo* line_at(uint32_t user) const;  // exact address only
};

struct Image {
    std::string profile = "pg32";  // the ISA profile it was assembled for (profiles.tbl)
    uint32_t entry = 0;
    std::vector<Segment> segments;      // non-overlapping, sorted by address
    std::vector<Symbol> symbols;        // in definition order
    std::vector<std::string> files;     // source paths as given
    std::vector<LineInfo> lines;        // sorted by address
    std::vector<UserProgram> programs;  // user programs inside (format version 2)

    // The label with the highest address <= address (for "label+0x10");
    // the first defined wins a tie. Constants are never returned. A scan of
    // every symbol: for lookups per instruction, use a LabelIndex.
    const Symbol* label_at_or_before(uint32_t address) const;
    const Symbol* find_symbol(std::string_view name) const;
    const LineInfo* line_at(uint32_t address) const;  // exact address only
    // The word at address when one segment holds all four of its bytes.
    std::optional<uint32_t> word_at(uint32_t address) const;
};

// The line of a line table (sorted by address) at exactly address, or null.
const LineInfo* line_in(std::span<const LineInfo> lines, uint32_t address);

// An image's labels sorted by address, built once, for the lookups made
// per instruction listed or traced: at_or_before() answers as
// Image::label_at_or_before() does, by binary search. It points into the
// image, which must outlive it and keep its symbols unchanged.
class LabelIndex {
public:
    explicit LabelIndex(const Image& image);
    explicit LabelIndex(std::span<const Symbol> symbols);  // a user program's, say
    const Symbol* at_or_before(uint32_t address) const;
    const Symbol* at(uint32_t address) const;  // the first label defined exactly there, or null

private:
    std::vector<const Symbol*> labels_;  // by address; of equal ones the first defined first
};

std::vector<uint8_t> write_image(const Image& image);

// Parses an image. On failure returns nothing and puts one sentence saying
// what is wrong (truncated, corrupt, bad count...) in *error. Never reads
// past the input and never allocates more than the input could describe.
std::optional<Image> read_image(std::span<const uint8_t> bytes, std::string* error);

// True when bytes start with the image magic number.
bool looks_like_image(std::span<const uint8_t> bytes);

// A name or path from an image (or a student's source) as it may be shown
// on a terminal: printable ASCII as it is, every other byte and the
// backslash as \xHH. An image is untrusted input, and its names must never
// send control sequences to a grader's terminal.
std::string printable(std::string_view text);

}  // namespace trapvm
