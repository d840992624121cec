// The PG32 disassembler. Operands are printed in the format's syntax order
// from the same generated tables the assembler parses, so every line it
// prints assembles back to the same word (at the same pc).
#pragma once

#include "image/image.hpp"
#include "isa-spec/isa.hpp"

#include <cstdint>
#include <string>

namespace trapvm {

// "beq a0, zero, loop": registers by ABI name, csrs and known ports by name,
// branch and jump targets as a label when one is exactly there (given
// symbols), else as an address "0x00000124".
std::string disassemble(const pg32::Decoded& d, uint32_t pc, const Image* symbols = nullptr);

// As disassemble; a word that is no instruction gives ".word 0x12345678".
std::string disassemble_word(uint32_t word, uint32_t pc, const Image* symbols = nullptr);

// The same with the labels looked up in an index: for disassembling many
// words of one image (a listing, a trace).
std::string disassemble(const pg32::Decoded& d, uint32_t pc, const LabelIndex& labels);
std::string disassemble_word(uint32_t word, uint32_t pc, const LabelIndex& labels);

// What `trapvm disasm` prints: each segment word by word, with labels on
// their own lines (like objdump -d).
std::string list_image(const Image& image);

}  // namespace trapvm
