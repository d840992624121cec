// Emitting the C++ tables (pg32_tables.gen.hpp) from the spec.
//
// The header is plain data: enums, constexpr arrays and one X-macro,
// PG32_INSTRUCTIONS(X), that the machine's dispatch, the decoder and the tests
// expand. A row without semantics therefore fails to compile.
#include "spec.hpp"

#include "isa-spec/hex.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <iterator>
#include <sstream>

namespace isagen {
namespace {

// "0x002a" for digits = 4.
std::string hex0x(uint32_t v, int digits) { return "0x" + pg32::hex_digits(v, digits); }

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::string operand_enum(const std::string& kind) {
    if (kind == "off(rs1)") return "OperandKind::Mem";
    return "OperandKind::" + camel(kind);
}

std::string operand_list(const std::vector<std::string>& kinds) {
    std::string out = "{";
    for (size_t i = 0; i < kinds.size(); ++i) out += (i ? ", " : "") + operand_enum(kinds[i]);
    return out + "}";
}

std::string field_pos(const Format& f, const std::string& name) {
    for (const Field& fl : f.fields)
        if (fl.name == name)
            return std::string("{") + std::to_string(fl.lo) + ", " + std::to_string(fl.hi - fl.lo + 1) + "}";
    return "{-1, 0}";
}

void emit_formats(std::ostringstream& o, const Spec& spec) {
    o << "// ---- formats.tbl\n\nenum class Format : uint8_t {";
    for (size_t i = 0; i < spec.formats.size(); ++i) o << (i ? ", " : " ") << spec.formats[i].name;
    o << " };\ninline constexpr int kFormatCount = " << spec.formats.size() << ";\n\n"
      << "enum class OperandKind : uint8_t {\n"
         "    Rd, Rs1, Rs2, Simm16, Uimm16, Shamt, Mem, Target16, Target20, Csr, Port, Imm32\n};\n\n"
      << "struct FieldPos {\n    int8_t lo;      // lowest bit, or -1 when the format has no such field\n"
         "    uint8_t width;\n};\n\n"
      << "struct FormatInfo {\n    const char* name;\n    const char* syntax;\n    uint8_t operand_count;\n"
         "    OperandKind operands[3];\n    FieldPos rd, rs1, rs2, imm;\n    bool imm_signed;\n"
         "    uint32_t reserved_mask;  // bits that must be zero\n};\n\n"
      << "inline constexpr FormatInfo kFormats[] = {\n";
    for (const Format& f : spec.formats) {
        bool is_signed = false;
        std::string syntax;
        for (const std::string& k : f.syntax) {
            if (k == "simm16" || k == "off(rs1)" || k == "target16" || k == "target20") is_signed = true;
            syntax += (syntax.empty() ? "" : ", ") + k;
        }
        o << "    {" << quote(f.name) << ", " << quote(syntax) << ", " << f.syntax.size() << ", "
          << operand_list(f.syntax) << ", " << field_pos(f, "rd") << ", " << field_pos(f, "rs1") << ", "
          << field_pos(f, "rs2") << ", " << field_pos(f, "imm") << ", " << (is_signed ? "true" : "false") << ", "
          << hex0x(f.reserved_mask(), 8) << "},\n";
    }
    o << "};\n\n";
}

std::string row_of(const Instruction& i) {
    std::string file = i.where.file.substr(i.where.file.find_last_of('/') + 1);
    return "isa-spec/tables/" + file + ":" + std::to_string(i.where.line);
}

// The effects column as Effect bits, and the width of the memory access.
const char* const kEffectNames[] = {"load",      "store",   "branch",   "jump", "csr-read", "csr-write",
                                    "psw-write", "port-in", "port-out", "wait", "halt"};
const char* const kEffectEnums[] = {"kLoad",     "kStore",  "kBranch",  "kJump", "kCsrRead", "kCsrWrite",
                                    "kPswWrite", "kPortIn", "kPortOut", "kWait", "kHalt"};

std::string effect_bits(const Instruction& i, int& access_size) {
    std::string bits;
    access_size = 0;
    for (const std::string& e : i.effects) {
        std::string name = e.substr(0, e.find(':'));
        if (e.find(':') != std::string::npos) access_size = std::stoi(e.substr(e.find(':') + 1));
        for (size_t k = 0; k < std::size(kEffectNames); ++k)
            if (name == kEffectNames[k]) bits += std::string(bits.empty() ? "" : " | ") + kEffectEnums[k];
    }
    return bits.empty() ? "kNoEffect" : bits;
}

void emit_effects(std::ostringstream& o) {
    o << "// What an instruction does besides writing rd: instructions.tbl's effects column.\n"
         "enum Effect : uint16_t {\n    kNoEffect = 0,\n";
    for (size_t k = 0; k < std::size(kEffectNames); ++k)
        o << "    " << kEffectEnums[k] << " = " << (1u << k) << ",  // " << kEffectNames[k] << "\n";
    o << "};\n\n";
}

// X(Name, "mnemonic", "isa-spec/tables/instructions.tbl:LINE") for every
// privileged row: the monitor builds its routine table from it, so a
// missing interpreter routine is a build error that names the row.
void emit_privileged(std::ostringstream& o, const Spec& spec) {
    o << "// X(Name, \"mnemonic\", \"where the row is\"): every privileged instruction, in table order.\n"
         "#define PG32_PRIVILEGED_INSTRUCTIONS(X) \\\n";
    for (const Instruction& i : spec.instructions)
        if (i.privileged)
            o << "    X(" << camel(i.mnemonic) << ", " << quote(i.mnemonic) << ", " << quote(row_of(i)) << ") \\\n";
    o << "\n\n";
}

void emit_instructions(std::ostringstream& o, const Spec& spec) {
    o << "// ---- instructions.tbl\n\n"
         "// X(Name, \"mnemonic\", opcode, Format): one entry per instruction, in table order.\n"
         "#define PG32_INSTRUCTIONS(X) \\\n";
    for (const Instruction& i : spec.instructions)
        o << "    X(" << camel(i.mnemonic) << ", " << quote(i.mnemonic) << ", " << hex0x(i.opcode, 2) << ", "
          << i.format << ") \\\n";
    o << "\n\n";
    emit_privileged(o, spec);
    emit_effects(o);
    o << "enum class Op : uint8_t {\n#define PG32_X(name, mnemonic, opcode, format) name,\n"
         "    PG32_INSTRUCTIONS(PG32_X)\n#undef PG32_X\n};\n"
      << "inline constexpr int kOpCount = " << spec.instructions.size() << ";\n\n"
      << "// Popek-Goldberg sensitivity, a bit set.\n"
         "enum Sensitivity : uint8_t { kInnocuous = 0, kControlSensitive = 1, kModeSensitive = 2, "
         "kLocationSensitive = 4 };\n\n"
      << "struct InsnInfo {\n    const char* mnemonic;\n    uint8_t opcode;\n    Format format;\n"
         "    bool privileged;       // traps with PRIVILEGED in user mode\n"
         "    uint8_t sensitivity;   // Sensitivity bits\n"
         "    uint32_t traps;        // bit c set: may raise cause c\n"
         "    uint16_t effects;      // Effect bits\n"
         "    uint8_t access_size;   // bytes a load or store accesses, else 0\n"
         "    bool system_only;      // sensitive only from system mode: not user-sensitive (Theorem 3)\n"
         "    uint32_t profiles;     // bit p set: kProfiles[p] has the instruction\n"
         "    const char* summary;\n    const char* spec_line;  // where the row is, for messages\n};\n\n"
      << "inline constexpr InsnInfo kInsns[] = {\n";
    for (const Instruction& i : spec.instructions) {
        std::string sens = "kInnocuous";
        if (i.control || i.mode || i.location) {
            sens.clear();
            if (i.control) sens += "kControlSensitive";
            if (i.mode) sens += std::string(sens.empty() ? "" : " | ") + "kModeSensitive";
            if (i.location) sens += std::string(sens.empty() ? "" : " | ") + "kLocationSensitive";
        }
        uint32_t traps = 0;
        for (const std::string& t : i.traps)
            for (const Named& c : spec.causes)
                if (c.name == t) traps |= 1u << c.value;
        int size = 0;
        std::string effects = effect_bits(i, size);
        o << "    {" << quote(i.mnemonic) << ", " << hex0x(i.opcode, 2) << ", Format::" << i.format << ", "
          << (i.privileged ? "true" : "false") << ", " << sens << ", " << hex0x(traps, 8) << ", " << effects << ", "
          << size << ", " << (i.system_only ? "true" : "false") << ", " << hex0x(i.profiles, 8) << ",\n     "
          << quote(i.summary) << ", " << quote(row_of(i)) << "},\n";
    }
    o << "};\n\n";
}

void emit_profiles(std::ostringstream& o, const Spec& spec) {
    o << "// ---- profiles.tbl\n\n"
         "struct ProfileInfo {\n    const char* name;\n    uint32_t bit;          // InsnInfo::profiles\n"
         "    bool theorem1;         // declared: every sensitive instruction privileged\n"
         "    bool theorem3;         // declared: every user-sensitive instruction privileged\n"
         "    bool guest_mode;       // the guest-mode extension: in guest mode every sensitive instruction traps\n"
         "    const char* summary;\n    const char* spec_line;\n};\n\n"
         "inline constexpr ProfileInfo kProfiles[] = {\n";
    for (size_t p = 0; p < spec.profiles.size(); ++p) {
        const Profile& pr = spec.profiles[p];
        std::string file = pr.where.file.substr(pr.where.file.find_last_of('/') + 1);
        o << "    {" << quote(pr.name) << ", " << hex0x(1u << p, 8) << ", " << (pr.theorem1 ? "true" : "false") << ", "
          << (pr.theorem3 ? "true" : "false") << ", " << (pr.guest_mode ? "true" : "false") << ", " << quote(pr.summary)
          << ", " << quote("isa-spec/tables/" + file + ":" + std::to_string(pr.where.line)) << "},\n";
    }
    o << "};\ninline constexpr int kProfileCount = " << spec.profiles.size() << ";\n\n";
}

// Emits enum class <type> plus a table of <type>Info rows with the extra columns.
void emit_named(std::ostringstream& o, const std::vector<Named>& rows, const std::string& type,
                const std::string& value_type, const std::string& extra_decl, std::string (*extra)(const Named&)) {
    o << "enum class " << type << " : " << value_type << " {\n";
    for (const Named& n : rows) o << "    " << camel(n.name) << " = " << n.value << ",\n";
    o << "};\ninline constexpr int k" << type << "Count = " << rows.size() << ";\n\n"
      << "struct " << type << "Info {\n    const char* name;\n    " << type << " value;\n"
      << extra_decl << "    const char* summary;\n};\n\n"
      << "inline constexpr " << type << "Info k" << type << "s[] = {\n";
    for (const Named& n : rows)
        o << "    {" << quote(n.name) << ", " << type << "::" << camel(n.name) << ", " << extra(n) << quote(n.summary)
          << "},\n";
    o << "};\n\n";
}

std::string csr_extra(const Named& n) { return n.extra[0] + ", "; }

uint32_t limit_of(const std::vector<Named>& rows) {
    uint32_t limit = 0;
    for (const Named& n : rows) limit = std::max(limit, n.value + 1);
    return limit;
}
std::string cause_extra(const Named& n) {
    return std::string(n.extra[0] == "interrupt" ? "true" : "false") + ", BadAddr::" + camel(n.extra[1]) + ", ";
}
std::string port_extra(const Named& n) {
    return std::string(n.extra[0].find('r') != std::string::npos ? "true" : "false") + ", " +
           (n.extra[0].find('w') != std::string::npos ? "true" : "false") + ", ";
}
std::string syscall_extra(const Named& n) { return quote(n.extra[0]) + ", "; }
std::string hypercall_extra(const Named& n) { return quote(n.extra[0]) + ", " + quote(n.extra[1]) + ", "; }

void emit_registers(std::ostringstream& o, const Spec& spec) {
    o << "// ---- registers.tbl\n\ninline constexpr int kRegisterCount = " << spec.registers.size() << ";\n\n"
      << "// The registers by their first ABI name: Reg::A0 is 3.\nenum Reg : uint8_t {";
    for (const Register& r : spec.registers) o << (r.number ? ", " : " ") << camel(r.names.at(0)) << " = " << r.number;
    o << " };\n\n"
         "struct RegisterInfo {\n    uint8_t number;\n    const char* names[2];  // ABI names; "
         "names[1] may be null\n    bool callee_saved;\n    const char* summary;\n};\n\n"
         "inline constexpr RegisterInfo kRegisters[] = {\n";
    for (const Register& r : spec.registers)
        o << "    {" << r.number << ", {" << quote(r.names.at(0)) << ", "
          << (r.names.size() > 1 ? quote(r.names[1]) : "nullptr") << "}, "
          << (r.saved_by == "callee" ? "true" : "false") << ", " << quote(r.summary) << "},\n";
    o << "};\n\n";
}

void emit_pseudos(std::ostringstream& o, const Spec& spec) {
    o << "// ---- pseudos.tbl\n\nstruct PseudoInfo {\n    const char* mnemonic;\n    const char* syntax;\n"
         "    uint8_t operand_count;\n    OperandKind operands[3];\n    const char* expansion;\n};\n\n"
         "inline constexpr PseudoInfo kPseudos[] = {\n";
    for (const Pseudo& p : spec.pseudos) {
        std::string syntax;
        for (const std::string& k : p.syntax) syntax += (syntax.empty() ? "" : ", ") + k;
        o << "    {" << quote(p.mnemonic) << ", " << quote(syntax) << ", " << p.syntax.size() << ", "
          << operand_list(p.syntax) << ", " << quote(p.expansion) << "},\n";
    }
    o << "};\ninline constexpr int kPseudoCount = " << spec.pseudos.size() << ";\n\n";
}

}  // namespace

std::string camel(const std::string& name) {
    std::string out;
    bool upper = true;
    for (char c : name) {
        if (c == '_' || c == '(' || c == ')') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                     : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        upper = false;
    }
    return out;
}

std::string emit_cpp_header(const Spec& spec) {
    std::ostringstream o;
    o << "// Generated from isa-spec/tables/*.tbl by isa-gen. Do not edit.\n"
         "// The PG32 specification as C++ data; see isa-spec/README.md.\n#pragma once\n\n"
         "#include <cstdint>\n\nnamespace pg32 {\n\n";
    emit_formats(o, spec);
    emit_instructions(o, spec);
    emit_profiles(o, spec);
    o << "// ---- causes.tbl\n\n// What the trap sequence puts in badaddr.\n"
         "enum class BadAddr : uint8_t { Zero, Word, Address };\n\n";
    emit_named(o, spec.causes, "Cause", "uint8_t", "    bool interrupt;\n    BadAddr badaddr;\n", cause_extra);
    o << "// One past the largest cause code: arrays indexed by cause code have this size.\n"
         "inline constexpr uint32_t kCauseCodeLimit = "
      << limit_of(spec.causes) << ";\n\n";
    o << "// ---- csrs.tbl\n\n";
    emit_named(o, spec.csrs, "Csr", "uint16_t", "    uint32_t writable;  // bits csrw can change\n", csr_extra);
    o << "// One past the largest csr number: arrays indexed by csr number have this size.\n"
         "inline constexpr uint32_t kCsrNumberLimit = "
      << limit_of(spec.csrs) << ";\n\n";
    o << "// ---- ports.tbl\n\n";
    emit_named(o, spec.ports, "Port", "uint16_t", "    bool readable;\n    bool writable;\n", port_extra);
    o << "// ---- syscalls.tbl (the guest OS's ABI)\n\n";
    emit_named(o, spec.syscalls, "Syscall", "uint16_t", "    const char* args;\n", syscall_extra);
    o << "// ---- hypercalls.tbl (the paravirtual monitor's ABI)\n\n";
    emit_named(o, spec.hypercalls, "Hypercall", "uint16_t", "    const char* args;\n    const char* result;\n",
               hypercall_extra);
    o << "// ---- bits.tbl\n\n";
    for (const Named& b : spec.bits)
        o << "inline constexpr uint32_t " << b.name << " = " << hex0x(b.value, 8) << ";  // " << b.summary << "\n";
    o << "\n// ---- limits.tbl (trapvm's own limits and defaults)\n\n";
    for (const Named& l : spec.limits)
        o << "inline constexpr uint64_t k" << camel(l.name) << " = " << l.value << ";  // " << l.summary << "\n";
    o << "\n";
    emit_registers(o, spec);
    emit_pseudos(o, spec);
    o << "}  // namespace pg32\n";
    return o.str();
}

}  // namespace isagen
