// Loading the PG32 tables into a Spec, with every check the spec must pass.
//
// The checks are what keeps one table honest as the single source of truth:
// unique names and numbers, fields inside the word, every bit accounted for,
// no two encodings overlapping, and Popek and Goldberg's Theorem 1 condition
// (every sensitive instruction is privileged).
#include "read_tables.hpp"
#include "spec.hpp"

#include <algorithm>
#include <map>
#include <set>

namespace isagen {
namespace {

struct Loader {
    std::string dir;
    std::vector<std::string>& errors;

    void error(const Where& w, const std::string& msg) { errors.push_back(where_text(w) + ": error: " + msg); }

    std::vector<Row> rows(const std::string& table, int columns) {
        return read_rows(dir + "/" + table, columns, errors);
    }

    bool number(const Row& r, const std::string& text, uint32_t max, uint32_t& out) {
        if (!parse_number(text, out) || out > max) {
            error(r.where, "'" + text + "' is not a number in 0.." + std::to_string(max));
            return false;
        }
        return true;
    }

    // Reports a second use of a name or number within one table.
    template <class Key>
    void unique(std::map<Key, Where>& seen, const Key& key, const Where& w, const std::string& what) {
        auto [it, fresh] = seen.emplace(key, w);
        if (!fresh) error(w, "duplicate " + what + " (first at " + where_text(it->second) + ")");
    }
};

const std::set<std::string> kOperandKinds = {"rd",       "rs1",      "rs2",      "simm16", "uimm16", "shamt",
                                             "off(rs1)", "target16", "target20", "csr",    "port"};

// Width of the imm field each immediate kind needs.
int imm_width(const std::string& kind) {
    if (kind == "shamt") return 5;
    if (kind == "target20") return 20;
    if (kind == "simm16" || kind == "uimm16" || kind == "off(rs1)" || kind == "target16" || kind == "csr" ||
        kind == "port")
        return 16;
    return 0;
}

bool parse_field(const std::string& text, Field& f) {
    size_t at = text.find('@'), colon = text.find(':');
    if (at == std::string::npos || colon == std::string::npos || colon < at) return false;
    uint32_t hi = 0, lo = 0;
    if (!parse_number(text.substr(at + 1, colon - at - 1), hi) || !parse_number(text.substr(colon + 1), lo))
        return false;
    f = Field{text.substr(0, at), static_cast<int>(hi), static_cast<int>(lo)};
    return hi >= lo && hi <= 31;
}

// Every operand of the syntax needs its field: a register its nibble, an
// immediate an imm field of the right width, off(rs1) both.
void check_operand_fields(Loader& L, const Row& r, const Format& f, const std::string& kind) {
    auto has = [&](const std::string& name, int width) {
        for (const Field& fl : f.fields)
            if (fl.name == name) {
                if (width && fl.hi - fl.lo + 1 != width)
                    L.error(r.where, "operand '" + kind + "' needs a " + std::to_string(width) + "-bit imm field");
                return;
            }
        L.error(r.where, "operand '" + kind + "' has no '" + name + "' field");
    };
    if (kind == "off(rs1)") has("rs1", 0);
    if (imm_width(kind)) has("imm", imm_width(kind));
    else if (kind == "rd" || kind == "rs1" || kind == "rs2") has(kind, 0);
}

void load_formats(Loader& L, Spec& spec) {
    std::map<std::string, Where> seen;
    for (const Row& r : L.rows("formats.tbl", 2)) {
        Format f{r.where, r.cols[0], split(r.cols[1], ','), {}};
        L.unique(seen, f.name, r.where, "format '" + f.name + "'");
        uint32_t used = 0xff000000u;  // the opcode byte
        for (const std::string& text : split(r.rest, ' ')) {
            if (text.empty()) continue;
            Field field;
            if (!parse_field(text, field)) {
                L.error(r.where, "bad field '" + text + "' (expected name@hi:lo)");
                continue;
            }
            if (field.name != "rd" && field.name != "rs1" && field.name != "rs2" && field.name != "imm")
                L.error(r.where, "field '" + field.name + "' is not one of rd, rs1, rs2, imm");
            if (field.mask() & used) L.error(r.where, "field '" + text + "' overlaps the opcode or another field");
            used |= field.mask();
            f.fields.push_back(field);
        }
        for (const std::string& kind : f.syntax) {
            if (!kOperandKinds.count(kind)) L.error(r.where, "unknown operand kind '" + kind + "'");
            check_operand_fields(L, r, f, kind);
        }
        spec.formats.push_back(f);
    }
}

// innocuous | privileged[:s+s...] | unprivileged:s+s...[@system] where s is
// control, mode or location. "unprivileged:" names a sensitive instruction
// that does not trap in user mode: the base table's Theorem 1 check rejects
// it, a profile must declare that Theorem 1 fails. "@system": sensitive only
// from system mode (not user-sensitive), which Theorem 3 allows.
void parse_class(Loader& L, const Row& r, Instruction& insn) {
    const std::string& cls = r.cols[3];
    if (cls == "innocuous") return;
    size_t colon = cls.find(':');
    std::string head = cls.substr(0, colon);
    if (head != "privileged" && !(head == "unprivileged" && colon != std::string::npos)) {
        L.error(r.where, "class '" + cls + "' is not innocuous, privileged[:...] or unprivileged:...");
        return;
    }
    insn.privileged = head == "privileged";
    if (colon == std::string::npos) return;
    std::string list = cls.substr(colon + 1);
    if (list.ends_with("@system")) {  // sensitive only from system mode, like the PDP-10's JRST 1
        insn.system_only = true;
        list.resize(list.size() - 7);
    }
    for (const std::string& s : split(list, '+')) {
        if (s == "control") insn.control = true;
        else if (s == "mode") insn.mode = true;
        else if (s == "location") insn.location = true;
        else L.error(r.where, "unknown sensitivity '" + s + "' (control, mode or location)");
    }
}

// The effects column: known names, each one the format can carry out (a
// load needs a memory operand, a csr write a csr operand, ...).
void check_effects(Loader& L, const Row& r, const Spec& spec, const Instruction& insn) {
    const Format* f = spec.find_format(insn.format);
    auto has = [&](const std::string& kind) {
        return f && std::find(f->syntax.begin(), f->syntax.end(), kind) != f->syntax.end();
    };
    const std::map<std::string, std::string> kNeeds = {
        {"load:1", "rd"},   {"load:2", "rd"},       {"load:4", "rd"},     {"store:1", "rs2"},  {"store:2", "rs2"},
        {"store:4", "rs2"}, {"branch", "target16"}, {"jump", ""},         {"csr-read", "csr"}, {"csr-write", "csr"},
        {"psw-write", ""},  {"port-in", "port"},    {"port-out", "port"}, {"wait", ""},        {"halt", ""}};
    int accesses = 0;
    for (const std::string& e : insn.effects) {
        auto it = kNeeds.find(e);
        if (it == kNeeds.end()) {
            L.error(r.where, "unknown effect '" + e + "' (see the effects column's comment)");
            continue;
        }
        if (!it->second.empty() && !has(it->second))
            L.error(r.where, "effect '" + e + "' needs a '" + it->second + "' operand, which format " + insn.format +
                                 " does not have");
        bool memory = e.starts_with("load:") || e.starts_with("store:");
        if (memory && !has("off(rs1)")) L.error(r.where, "effect '" + e + "' needs an off(rs1) operand");
        accesses += memory;
    }
    if (accesses > 1) L.error(r.where, "an instruction makes at most one memory access");
}

// One row of instructions.tbl or of a profile's overlay (same columns).
Instruction load_instruction(Loader& L, const Row& r, const Spec& spec, const std::set<std::string>& exceptions) {
    Instruction insn;
    insn.where = r.where;
    insn.mnemonic = r.cols[0];
    insn.format = r.cols[2];
    insn.summary = r.rest;
    insn.section = r.section;
    if (L.number(r, r.cols[1], 0xff, insn.opcode) && insn.opcode == 0)
        L.error(r.where, "opcode 0x00 is reserved: an all-zero word must be ILLEGAL");
    if (!spec.find_format(insn.format)) L.error(r.where, "unknown format '" + insn.format + "'");
    parse_class(L, r, insn);
    insn.traps = split(r.cols[4], ',');
    for (const std::string& t : insn.traps)
        if (!exceptions.count(t)) L.error(r.where, "unknown exception cause '" + t + "' in traps");
    insn.effects = split(r.cols[5], ',');
    check_effects(L, r, spec, insn);
    return insn;
}

bool sensitive(const Instruction& i) { return i.control || i.mode || i.location; }

// The base table: every profile has its rows, and Theorem 1 holds for it.
void load_instructions(Loader& L, Spec& spec, const std::set<std::string>& exceptions) {
    std::map<std::string, Where> names;
    std::map<uint32_t, Where> opcodes;
    for (const Row& r : L.rows("instructions.tbl", 6)) {
        Instruction insn = load_instruction(L, r, spec, exceptions);
        insn.profiles = ~0u;
        L.unique(names, insn.mnemonic, r.where, "mnemonic '" + insn.mnemonic + "'");
        L.unique(opcodes, insn.opcode, r.where, "opcode " + r.cols[1]);
        if (sensitive(insn) && !insn.privileged)
            L.error(r.where, "'" + insn.mnemonic +
                                 "' is sensitive but not privileged: the machine would not be "
                                 "virtualizable (Popek and Goldberg, Theorem 1)");
        spec.instructions.push_back(insn);
    }
}

// A profile's verdicts as its rows make them, against what profiles.tbl
// declares: "holds" needs no violator, "fails" at least one.
void check_verdict(Loader& L, const Profile& p, const std::vector<const Instruction*>& rows, int theorem,
                   bool declared) {
    const Instruction* violator = nullptr;
    for (const Instruction* i : rows)
        if (sensitive(*i) && !i->privileged && (theorem == 1 || !i->system_only)) violator = violator ? violator : i;
    std::string what = theorem == 1 ? "sensitive" : "user-sensitive";
    if (declared && violator)
        L.error(p.where, "profile '" + p.name + "' declares Theorem " + std::to_string(theorem) + " holds, but '" +
                             violator->mnemonic + "' (" + where_text(violator->where) + ") is " + what +
                             " and not privileged");
    if (!declared && !violator)
        L.error(p.where, "profile '" + p.name + "' declares Theorem " + std::to_string(theorem) + " fails, but every " +
                             what + " instruction of it is privileged");
}

bool verdict(Loader& L, const Row& r, const std::string& text) {
    if (text != "holds" && text != "fails") L.error(r.where, "'" + text + "' is not 'holds' or 'fails'");
    return text == "holds";
}

// The includes column: "-", or earlier profiles (not pg32) whose overlay
// rows the profile has too; an instruction keeps one row, and one mnemonic.
void include_rows(Loader& L, Spec& spec, const Row& r, Profile& p, uint32_t bit) {
    if (r.cols[3] == "-") return;
    for (const std::string& name : split(r.cols[3], ',')) {
        auto it =
            std::find_if(spec.profiles.begin(), spec.profiles.end(), [&](const Profile& q) { return q.name == name; });
        if (it == spec.profiles.begin() || it == spec.profiles.end()) {
            L.error(r.where, "profile '" + p.name + "' includes '" + name + "', which is no earlier flawed profile");
            continue;
        }
        uint32_t theirs = 1u << (it - spec.profiles.begin());
        for (Instruction& i : spec.instructions)
            if (i.profiles & theirs) i.profiles |= bit;
        p.includes.push_back(name);
    }
}

bool extension(Loader& L, const Row& r, const std::string& text) {
    if (text != "-" && text != "guest-mode") L.error(r.where, "extension '" + text + "' is not '-' or 'guest-mode'");
    return text == "guest-mode";
}

// profiles.tbl, and the overlay profile-NAME.tbl of each profile after the
// first (pg32, the base table alone): rows it adds to the base table, and
// those of the profiles it includes.
void load_profiles(Loader& L, Spec& spec, const std::set<std::string>& exceptions) {
    std::map<std::string, Where> names, mnemonics;
    for (const Instruction& i : spec.instructions) mnemonics.emplace(i.mnemonic, i.where);
    for (const Row& r : L.rows("profiles.tbl", 5)) {
        Profile p{
            r.where, r.cols[0], verdict(L, r, r.cols[1]), verdict(L, r, r.cols[2]), {}, extension(L, r, r.cols[4]),
            r.rest};
        L.unique(names, p.name, r.where, "profile '" + p.name + "'");
        if (p.name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") != std::string::npos)
            L.error(r.where, "profile name '" + p.name + "' must be lower-case letters, digits and '-'");
        uint32_t bit = 1u << (spec.profiles.size() % kMaxProfiles);
        if (spec.profiles.empty() && p.name != "pg32") L.error(r.where, "the first profile must be pg32, the base");
        if (spec.profiles.size() == kMaxProfiles) L.error(r.where, "more than 32 profiles");
        if (spec.profiles.empty() && (r.cols[3] != "-" || p.guest_mode))
            L.error(r.where, "the base profile pg32 includes no overlay and has no extension");
        std::vector<const Instruction*> rows;
        if (!spec.profiles.empty()) {
            include_rows(L, spec, r, p, bit);
            for (const Row& ir : L.rows("profile-" + p.name + ".tbl", 6)) {
                Instruction insn = load_instruction(L, ir, spec, exceptions);
                insn.profiles = bit;
                L.unique(mnemonics, insn.mnemonic, ir.where, "mnemonic '" + insn.mnemonic + "'");
                spec.instructions.push_back(insn);
            }
        }
        for (const Instruction& i : spec.instructions)
            if (i.profiles & bit) rows.push_back(&i);
        check_verdict(L, p, rows, 1, p.theorem1);
        check_verdict(L, p, rows, 3, p.theorem3);
        spec.profiles.push_back(p);
    }
    if (spec.profiles.empty()) L.error({L.dir + "/profiles.tbl", 0}, "no profile: the first must be pg32");
}

// Two encodings overlap when some word matches both: they agree on every bit
// that both fix (opcode and reserved bits). Only instructions of a common
// profile can: two profiles may give one opcode different instructions.
void check_overlaps(Loader& L, const Spec& spec) {
    for (size_t i = 0; i < spec.instructions.size(); ++i)
        for (size_t j = i + 1; j < spec.instructions.size(); ++j) {
            const Instruction &a = spec.instructions[i], &b = spec.instructions[j];
            if (!(a.profiles & b.profiles)) continue;  // never decoded by the same profile
            const Format *fa = spec.find_format(a.format), *fb = spec.find_format(b.format);
            if (!fa || !fb) continue;
            uint32_t ma = 0xff000000u | fa->reserved_mask(), mb = 0xff000000u | fb->reserved_mask();
            uint32_t both = ma & mb;
            if (((a.opcode << 24) & both) == ((b.opcode << 24) & both))
                L.error(b.where,
                        "encoding of '" + b.mnemonic + "' overlaps '" + a.mnemonic + "' (" + where_text(a.where) + ")");
        }
}

std::vector<Named> load_named(Loader& L, const std::string& table, int extra, uint32_t max, const std::string& what) {
    std::vector<Named> out;
    std::map<std::string, Where> names;
    std::map<uint32_t, Where> values;
    for (const Row& r : L.rows(table, 2 + extra)) {
        Named n{r.where, r.cols[0], 0, {r.cols.begin() + 2, r.cols.end()}, r.rest};
        L.unique(names, n.name, r.where, what + " name '" + n.name + "'");
        if (L.number(r, r.cols[1], max, n.value) && what != "bit" && what != "limit")
            L.unique(values, n.value, r.where, what + " number " + r.cols[1]);
        out.push_back(n);
    }
    return out;
}

void check_choice(Loader& L, const Named& n, size_t col, const std::set<std::string>& allowed) {
    if (allowed.count(n.extra[col])) return;
    std::string list;
    for (const std::string& a : allowed) list += (list.empty() ? "" : ", ") + a;
    L.error(n.where, "'" + n.extra[col] + "' is not one of: " + list);
}

void load_registers(Loader& L, Spec& spec) {
    std::map<std::string, Where> names;
    std::map<uint32_t, Where> numbers;
    for (const Row& r : L.rows("registers.tbl", 3)) {
        uint32_t num = 0;
        if (!L.number(r, r.cols[0], 15, num)) continue;
        L.unique(numbers, num, r.where, "register number " + r.cols[0]);
        Register reg{r.where, static_cast<int>(num), split(r.cols[1], ','), r.cols[2], r.rest};
        for (const std::string& n : reg.names) L.unique(names, n, r.where, "register name '" + n + "'");
        spec.registers.push_back(reg);
    }
    if (spec.registers.size() != 16 && L.errors.empty())
        L.error({L.dir + "/registers.tbl", 0}, "expected 16 registers, found " + std::to_string(spec.registers.size()));
}

void load_pseudos(Loader& L, Spec& spec) {
    std::map<std::string, Where> names;
    for (const Instruction& i : spec.instructions) names.emplace(i.mnemonic, i.where);
    for (const Row& r : L.rows("pseudos.tbl", 2)) {
        Pseudo p{r.where, r.cols[0], split(r.cols[1], ','), r.rest};
        L.unique(names, p.mnemonic, r.where, "mnemonic '" + p.mnemonic + "'");
        for (const std::string& k : p.syntax)
            if (!kOperandKinds.count(k) && k != "imm32") L.error(r.where, "unknown operand kind '" + k + "'");
        spec.pseudos.push_back(p);
    }
}

}  // namespace

uint32_t Format::reserved_mask() const {
    uint32_t used = 0xff000000u;
    for (const Field& f : fields) used |= f.mask();
    return ~used;
}

const Format* Spec::find_format(const std::string& name) const {
    for (const Format& f : formats)
        if (f.name == name) return &f;
    return nullptr;
}

Spec load_spec(const std::string& dir, std::vector<std::string>& errors) {
    Loader L{dir, errors};
    Spec spec;
    load_formats(L, spec);
    // Cause codes index 32-bit masks (an instruction's traps) and small
    // arrays; csr numbers index the csr tables: the limits the code has.
    spec.causes = load_named(L, "causes.tbl", 2, kMaxCauseCode, "cause");
    std::set<std::string> exceptions;
    for (const Named& c : spec.causes) {
        check_choice(L, c, 0, {"exception", "interrupt"});
        check_choice(L, c, 1, {"zero", "word", "address"});
        if (c.value == 0) L.error(c.where, "cause 0 is reserved for 'no trap'");
        if (c.extra[0] == "exception") exceptions.insert(c.name);
    }
    load_instructions(L, spec, exceptions);
    load_profiles(L, spec, exceptions);
    check_overlaps(L, spec);
    spec.csrs = load_named(L, "csrs.tbl", 1, kMaxCsrNumber, "csr");
    for (const Named& c : spec.csrs) {
        uint32_t mask = 0;
        if (!parse_number(c.extra[0], mask)) L.error(c.where, "bad writable mask '" + c.extra[0] + "'");
    }
    spec.ports = load_named(L, "ports.tbl", 1, 0xffff, "port");
    for (const Named& p : spec.ports) check_choice(L, p, 0, {"r", "w", "rw"});
    spec.bits = load_named(L, "bits.tbl", 0, 0xffffffffu, "bit");
    spec.syscalls = load_named(L, "syscalls.tbl", 1, 0xffff, "syscall");
    spec.hypercalls = load_named(L, "hypercalls.tbl", 2, 0xffff, "hypercall");
    spec.limits = load_named(L, "limits.tbl", 0, 0xffffffffu, "limit");
    load_registers(L, spec);
    load_pseudos(L, spec);
    return spec;
}

}  // namespace isagen
