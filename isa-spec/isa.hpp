// The PG32 instruction set as a C++ library: decode, encode and name lookups.
//
// Everything here is derived from the generated tables (pg32_tables.gen.hpp,
// built from isa-spec/tables/*.tbl), so the assembler, the disassembler, the
// machine and the monitor cannot disagree about an encoding.
#pragma once

#include "pg32_tables.gen.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pg32 {

// One instruction with its operand fields pulled out of the word.
//
// imm holds the operand's value as the semantics use it: sign-extended for
// simm16 and off(rs1), zero-extended for uimm16, csr and port numbers, the
// shift amount for shamt, and for branch and jump targets the byte offset
// from the instruction (the word offset times 4). Absent fields are 0.
struct Decoded {
    Op op{};
    uint8_t rd = 0;
    uint8_t rs1 = 0;
    uint8_t rs2 = 0;
    int32_t imm = 0;

    friend bool operator==(const Decoded&, const Decoded&) = default;
};

inline constexpr uint32_t kWordBytes = 4;

// ---- ISA profiles (profiles.tbl): the base table, or the base plus an
// overlay's rows. An instruction is in a profile when its row is.
const ProfileInfo* profile_by_name(std::string_view name);
inline const ProfileInfo& base_profile() { return kProfiles[0]; }  // pg32
// The profile this process works with unless told otherwise: the tools set
// it once from --profile (or an image's profile) before building anything.
const ProfileInfo& active_profile();
void select_profile(const ProfileInfo& profile);
inline int profile_index(const ProfileInfo& p) { return static_cast<int>(&p - kProfiles); }
// A lab profile (profiles.tbl: a name starting "lab-"): its classes are the
// virtualizability lab's to find, so the tools that print classes keep them.
inline bool is_lab_profile(const ProfileInfo& p) { return std::string_view(p.name).starts_with("lab-"); }

// The decoder. Returns nothing for a word that is no instruction of the
// profile: an unknown opcode, a reserved bit set, or a csr number no
// register has. The machine raises ILLEGAL for those.
std::optional<Decoded> decode(uint32_t word, const ProfileInfo& profile);
inline std::optional<Decoded> decode(uint32_t word) { return decode(word, active_profile()); }

// The encoder: the inverse of decode. Fails (with a reason in *why) when an
// operand does not fit its field: a register above 15, an immediate out of
// range, a target that is not a multiple of 4, an unknown csr.
std::optional<uint32_t> encode(const Decoded& d, std::string* why = nullptr);

// Table rows.
inline const InsnInfo& info(Op op) { return kInsns[static_cast<int>(op)]; }
inline const FormatInfo& format_info(Format f) { return kFormats[static_cast<int>(f)]; }
inline const FormatInfo& format_info(Op op) { return format_info(info(op).format); }

// The range an immediate operand kind accepts, as the assembler reports it.
struct Range {
    int64_t min;
    int64_t max;
    int64_t step;  // 4 for branch and jump offsets, else 1
};
Range operand_range(OperandKind kind);

inline bool in_profile(Op op, const ProfileInfo& p) { return info(op).profiles & p.bit; }

// Name lookups. Mnemonics, csr and register names are lower case. An
// instruction is found only in the profiles that have it; any_op_by_mnemonic
// finds it in any (for messages such as "rdpsw is an instruction of leaky-psw").
std::optional<Op> op_by_mnemonic(std::string_view mnemonic);
std::optional<Op> op_by_mnemonic(std::string_view mnemonic, const ProfileInfo& profile);
std::optional<Op> any_op_by_mnemonic(std::string_view mnemonic);
std::optional<Op> op_by_opcode(uint8_t opcode);
const PseudoInfo* pseudo_by_mnemonic(std::string_view mnemonic);
const CsrInfo* csr_by_name(std::string_view name);
const CsrInfo* csr_by_number(uint32_t number);
const CauseInfo* cause_by_code(uint32_t code);
const CauseInfo* cause_by_name(std::string_view name);
const PortInfo* port_by_number(uint32_t number);
const SyscallInfo* syscall_by_number(uint32_t number);
const HypercallInfo* hypercall_by_number(uint32_t number);
// "r7", "a4" -> 7; also accepts every ABI name of registers.tbl.
std::optional<int> register_by_name(std::string_view name);
// The register's first ABI name ("a4" for 7).
const char* register_name(int number);

inline bool is_privileged(Op op) { return info(op).privileged; }
inline bool is_sensitive(Op op) { return info(op).sensitivity != kInnocuous; }

// The cause's name ("BOUNDS"), or "cause N" for a number no cause has.
std::string cause_name(uint32_t code);

}  // namespace pg32
