// The disassembler: operands in the format's syntax order, one function
// per operand kind, no mnemonic-specific code (see disassembler.hpp).
#include "image/disassembler.hpp"
#include "isa-spec/hex.hpp"

#include <cstdio>

namespace trapvm {
namespace {

// Where branch targets get their names: an image (a scan per lookup) or
// an index of one, or neither.
struct Labels {
    const Image* image = nullptr;
    const LabelIndex* index = nullptr;
    const Symbol* at(uint32_t address) const {
        if (index) return index->at(address);
        const Symbol* s = image ? image->label_at_or_before(address) : nullptr;
        return s && s->value == address ? s : nullptr;
    }
};

// Branch and jump targets are absolute addresses, as the assembler accepts.
std::string target(const pg32::Decoded& d, uint32_t pc, const Labels& labels) {
    uint32_t address = pc + static_cast<uint32_t>(d.imm);
    if (const Symbol* s = labels.at(address)) return s->name;
    return pg32::hex32(address);
}

std::string operand(pg32::OperandKind kind, const pg32::Decoded& d, uint32_t pc, const Labels& labels) {
    using K = pg32::OperandKind;
    switch (kind) {
    case K::Rd: return pg32::register_name(d.rd);
    case K::Rs1: return pg32::register_name(d.rs1);
    case K::Rs2: return pg32::register_name(d.rs2);
    case K::Simm16:
    case K::Shamt: return std::to_string(d.imm);
    case K::Uimm16: return pg32::hex(static_cast<uint32_t>(d.imm));  // masks read best in hex
    case K::Mem: return std::to_string(d.imm) + "(" + pg32::register_name(d.rs1) + ")";
    case K::Target16:
    case K::Target20: return target(d, pc, labels);
    case K::Csr: {
        const pg32::CsrInfo* c = pg32::csr_by_number(static_cast<uint32_t>(d.imm));
        return c ? c->name : std::to_string(d.imm);  // decode rejects unknown csrs
    }
    case K::Port: {
        const pg32::PortInfo* p = pg32::port_by_number(static_cast<uint32_t>(d.imm));
        return p ? p->name : pg32::hex(static_cast<uint32_t>(d.imm));
    }
    case K::Imm32: break;  // pseudo-instructions only
    }
    return "?";
}

std::string disassemble_with(const pg32::Decoded& d, uint32_t pc, const Labels& labels) {
    const pg32::FormatInfo& f = pg32::format_info(d.op);
    std::string out = pg32::info(d.op).mnemonic;
    for (int i = 0; i < f.operand_count; ++i) out += (i ? ", " : " ") + operand(f.operands[i], d, pc, labels);
    return out;
}

std::string word_with(uint32_t word, uint32_t pc, const Labels& labels) {
    std::optional<pg32::Decoded> d = pg32::decode(word);
    return d ? disassemble_with(*d, pc, labels) : ".word " + pg32::hex32(word);
}

}  // namespace

std::string disassemble(const pg32::Decoded& d, uint32_t pc, const Image* symbols) {
    return disassemble_with(d, pc, {symbols, nullptr});
}

std::string disassemble_word(uint32_t word, uint32_t pc, const Image* symbols) {
    return word_with(word, pc, {symbols, nullptr});
}

std::string disassemble(const pg32::Decoded& d, uint32_t pc, const LabelIndex& labels) {
    return disassemble_with(d, pc, {nullptr, &labels});
}

std::string disassemble_word(uint32_t word, uint32_t pc, const LabelIndex& labels) {
    return word_with(word, pc, {nullptr, &labels});
}

}  // namespace trapvm
