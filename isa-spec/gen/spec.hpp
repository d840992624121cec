// The PG32 specification tables, as read by isa-gen.
//
// isa-gen reads isa-spec/tables/*.tbl into these structs, checks them (no two
// encodings overlap, every bit accounted for, sensitive implies privileged, ...)
// and emits the C++ tables, the guest-OS include file and the reference doc.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace isagen {

// What the generated code can represent: cause codes index 32-bit masks,
// csr numbers index arrays of this size.
inline constexpr uint32_t kMaxCauseCode = 31;
inline constexpr uint32_t kMaxCsrNumber = 63;

// A place in a table file, for error messages.
struct Where {
    std::string file;
    int line = 0;
};

// One operand field of a format: its name (rd, rs1, rs2, imm) and bits.
struct Field {
    std::string name;
    int hi = 0;
    int lo = 0;
    uint32_t mask() const { return ((hi - lo == 31) ? ~0u : ((1u << (hi - lo + 1)) - 1)) << lo; }
};

struct Format {
    Where where;
    std::string name;
    std::vector<std::string> syntax;  // operand kinds, e.g. {"rd", "rs1", "simm16"}
    std::vector<Field> fields;
    uint32_t reserved_mask() const;  // bits that must be zero
};

struct Instruction {
    Where where;
    std::string mnemonic;
    uint32_t opcode = 0;
    std::string format;
    bool privileged = false;
    bool control = false, mode = false, location = false;  // sensitivity
    bool system_only = false;  // "@system": sensitive only from system mode (not user-sensitive)
    uint32_t profiles = 0;     // bit p set: profile p (profiles.tbl order) has the instruction
    std::vector<std::string> traps;
    std::vector<std::string> effects;  // "load:4", "csr-write", ... (instructions.tbl's effects column)
    std::string summary;
    std::string section;  // group heading in the table, for the reference doc
};

// A named number with a summary: csrs, causes, ports, bits, syscalls, hypercalls.
struct Named {
    Where where;
    std::string name;
    uint32_t value = 0;
    std::vector<std::string> extra;  // table-specific middle columns
    std::string summary;
};

struct Register {
    Where where;
    int number = 0;
    std::vector<std::string> names;
    std::string saved_by;
    std::string summary;
};

struct Pseudo {
    Where where;
    std::string mnemonic;
    std::vector<std::string> syntax;
    std::string expansion;
};

// An ISA profile (profiles.tbl): the base table, plus for every profile but
// the first (pg32) the rows of its overlay, profile-NAME.tbl.
struct Profile {
    Where where;
    std::string name;
    bool theorem1 = true;               // declared: every sensitive instruction privileged
    bool theorem3 = true;               // declared: every user-sensitive instruction privileged
    std::vector<std::string> includes;  // earlier profiles whose overlay rows this one has too
    bool guest_mode = false;            // the guest-mode extension (profiles.tbl, "extension")
    std::string summary;
};

// At most this many profiles: an instruction's profiles are a 32-bit mask.
inline constexpr size_t kMaxProfiles = 32;

struct Spec {
    std::vector<Format> formats;
    std::vector<Profile> profiles;
    std::vector<Instruction> instructions;
    std::vector<Named> csrs;    // extra: {writable}
    std::vector<Named> causes;  // extra: {kind, badaddr}
    std::vector<Named> ports;   // extra: {access}
    std::vector<Named> bits;
    std::vector<Named> syscalls;    // extra: {args}
    std::vector<Named> hypercalls;  // extra: {args, result}
    std::vector<Named> limits;      // trapvm's own limits and defaults (limits.tbl)
    std::vector<Register> registers;
    std::vector<Pseudo> pseudos;

    const Format* find_format(const std::string& name) const;
};

// Reads and checks every table in dir. Each problem is appended to errors as
// "file:line: error: message"; the spec is only usable when errors is empty.
Spec load_spec(const std::string& dir, std::vector<std::string>& errors);

// Emitters: each returns the whole text of one generated file.
std::string emit_cpp_header(const Spec& spec);
std::string emit_guest_include(const Spec& spec);
std::string emit_include_embedding(const Spec& spec);
std::string emit_reference(const Spec& spec);

// "CONSOLE_OUT" -> "ConsoleOut", "and" -> "And": names for C++ enumerators.
std::string camel(const std::string& name);

}  // namespace isagen
