// Emitting the instruction reference (pg32-instructions.md) from the spec.
//
// The hand-written pg32-reference.md explains the machine; this generated
// companion lists every instruction, format, register, cause, port and
// pseudo-instruction exactly as the tables define them.
#include "spec.hpp"

#include "isa-spec/hex.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace isagen {
namespace {

// "0x002a" for digits = 4.
std::string hex0x(uint32_t v, int digits) { return "0x" + pg32::hex_digits(v, digits); }

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const std::string& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

// A bit diagram of one format, e.g.
//   31     24 23  20 19  16 15  12 11          0
//  | opcode  |  rd  | rs1  | rs2  |      0      |
std::string diagram(const Format& f) {
    struct Seg {
        int hi, lo;
        std::string label;
    };
    std::vector<Seg> segs{{31, 24, "opcode"}};
    std::vector<Field> fields = f.fields;
    std::sort(fields.begin(), fields.end(), [](const Field& a, const Field& b) { return a.hi > b.hi; });
    int next = 23;
    for (const Field& fl : fields) {
        if (fl.hi < next) segs.push_back({next, fl.hi + 1, "0"});
        segs.push_back({fl.hi, fl.lo, fl.name});
        next = fl.lo - 1;
    }
    if (next >= 0) segs.push_back({next, 0, "0"});
    std::string top, mid;
    for (const Seg& s : segs) {
        std::string hi = std::to_string(s.hi), lo = std::to_string(s.lo);
        size_t width = std::max(s.label.size() + 4, hi.size() + lo.size() + 3);
        std::string bits = hi + std::string(width - hi.size() - lo.size(), ' ') + lo;
        size_t pad = width - s.label.size();
        top += ' ';
        top += bits;
        mid += '|';
        mid += std::string(pad / 2, ' ') + s.label + std::string(pad - pad / 2, ' ');
    }
    return top + "\n" + mid + "|\n";
}

std::string syntax_of(const std::string& mnemonic, const std::vector<std::string>& kinds) {
    return kinds.empty() ? mnemonic : mnemonic + " " + join(kinds, ", ");
}

std::string class_of(const Instruction& i) {
    if (!i.privileged) return "innocuous";
    std::vector<std::string> s;
    if (i.control) s.push_back("control");
    if (i.mode) s.push_back("mode");
    if (i.location) s.push_back("location");
    return s.empty() ? "privileged" : "privileged; " + join(s, ", ") + "-sensitive";
}

// The profiles' bits whose names start "lab-" (profiles.tbl): the lab's
// students find those instructions' classes, so the reference keeps them.
uint32_t lab_bits(const Spec& spec) {
    uint32_t bits = 0;
    for (size_t p = 0; p < spec.profiles.size(); ++p)
        if (spec.profiles[p].name.starts_with("lab-")) bits |= 1u << p;
    return bits;
}

void instructions(std::ostringstream& o, const Spec& spec) {
    o << "## Instructions\n";
    uint32_t lab = lab_bits(spec);
    std::string section = "-";
    for (const Instruction& i : spec.instructions) {
        if (i.section != section) {
            section = i.section;
            o << "\n### " << (section.empty() ? "Instructions" : section) << "\n\n"
              << "| syntax | opcode | format | Popek-Goldberg class | may trap | semantics |\n"
              << "|---|---|---|---|---|---|\n";
        }
        const Format* f = spec.find_format(i.format);
        std::vector<std::string> traps = i.traps;
        if (i.privileged) traps.insert(traps.begin(), "PRIVILEGED (user mode)");
        o << "| `" << syntax_of(i.mnemonic, f ? f->syntax : std::vector<std::string>{}) << "` | `" << hex0x(i.opcode, 2)
          << "` | " << i.format << " | " << (i.profiles & lab ? "(the lab's to find)" : class_of(i)) << " | "
          << (traps.empty() ? "-" : join(traps, ", ")) << " | " << i.summary << " |\n";
    }
}

void named_table(std::ostringstream& o, const std::string& title, const std::string& header,
                 const std::vector<Named>& rows, int digits) {
    o << "\n## " << title << "\n\n| name | number | " << header << "summary |\n|---|---|"
      << (header.empty() ? "" : "---|") << "---|\n";
    for (const Named& n : rows) {
        o << "| `" << n.name << "` | " << (digits ? hex0x(n.value, digits) : std::to_string(n.value)) << " | ";
        std::string extra = join(n.extra, " / ");
        for (size_t at = extra.find('|'); at != std::string::npos; at = extra.find('|', at + 2))
            extra.replace(at, 1, "\\|");  // a | of a column would end the markdown cell
        if (!header.empty()) o << extra << " | ";
        o << n.summary << " |\n";
    }
}

void profiles(std::ostringstream& o, const Spec& spec) {
    o << "\n## Profiles\n\nEvery profile has the whole base table; a flawed profile adds the rows of its overlay "
         "(`profile-NAME.tbl`) and of the profiles it includes. With the guest-mode extension a monitor can run guest "
         "code in guest mode, where every sensitive instruction raises PRIVILEGED (see `pg32-reference.md`, "
         "\"Guest mode\").\n\n| profile | Theorem 1 | Theorem 3 | includes | extension | summary |\n"
         "|---|---|---|---|---|---|\n";
    for (const Profile& p : spec.profiles)
        o << "| `" << p.name << "` | " << (p.theorem1 ? "holds" : "fails") << " | " << (p.theorem3 ? "holds" : "fails")
          << " | " << (p.includes.empty() ? "-" : join(p.includes, ", ")) << " | "
          << (p.guest_mode ? "guest mode" : "-") << " | " << p.summary << " |\n";
}

}  // namespace

std::string emit_reference(const Spec& spec) {
    std::ostringstream o;
    o << "# PG32 instruction reference\n\n"
         "Generated from `isa-spec/tables/*.tbl` by isa-gen; do not edit. The machine itself (modes, R, the\n"
         "trap sequence, devices, the image format) is described in `isa-spec/pg32-reference.md`.\n\n";
    o << "## Registers\n\n| register | ABI names | saved by | use |\n|---|---|---|---|\n";
    for (const Register& r : spec.registers)
        o << "| r" << r.number << " | " << join(r.names, ", ") << " | " << r.saved_by << " | " << r.summary << " |\n";
    o << "\n## Formats\n\nThe opcode is bits 31:24; register fields follow in the order of the assembly "
         "operands. Bits marked 0 must be zero, else the word is ILLEGAL.\n";
    for (const Format& f : spec.formats)
        o << "\n### " << f.name << ": `" << (f.syntax.empty() ? "(no operands)" : join(f.syntax, ", ")) << "`\n\n```\n"
          << diagram(f) << "```\n";
    o << "\n";
    instructions(o, spec);
    profiles(o, spec);
    o << "\n## Pseudo-instructions\n\n| syntax | expands to |\n|---|---|\n";
    for (const Pseudo& p : spec.pseudos)
        o << "| `" << syntax_of(p.mnemonic, p.syntax) << "` | " << p.expansion << " |\n";
    named_table(o, "Privileged registers (csrr, csrw)", "writable bits | ", spec.csrs, 0);
    named_table(o, "Trap causes", "kind / badaddr | ", spec.causes, 0);
    named_table(o, "Device ports (in, out)", "access | ", spec.ports, 4);
    named_table(o, "Named bits", "", spec.bits, 8);
    named_table(o, "System calls (guest OS ABI: number in a4, arguments in a0..a3)", "arguments | ", spec.syscalls, 0);
    named_table(o,
                "Hypercalls (the paravirtual monitor's ABI, `--vmm=paravirt`: sys in system mode, number in a4, "
                "arguments in a0..a3, result in a0)",
                "arguments / result | ", spec.hypercalls, 4);
    return o.str();
}

}  // namespace isagen
