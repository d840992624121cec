// trapvm check [--profile NAME] [--seed S] [--states N] [--json]: Popek and
// Goldberg's classes of every instruction of a profile, measured on the
// machine (properties/classify.hpp), against the classes its table
// declares, and the verdicts of Theorems 1 and 3. trapvm check --list: the
// profiles, one name a line (a lab profile only for instructors:
// TRAPVM_LAB_INSTRUCTOR=1, which check --profile needs for one too).
//
// Exit status: 0 when every measured class agrees with the declared one,
// 1 when one does not, 2 bad options.
#include "image/disassembler.hpp"
#include "properties/classify.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"
#include "tools/run_support.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>

namespace trapvm::cli {

namespace {

using properties::CheckState;
using properties::ClassifyReport;
using properties::InsnVerdict;
using properties::Witness;
using ordered_json = nlohmann::ordered_json;

constexpr int kExitDisagree = 1;

std::string hex(uint32_t v) {
    char text[16];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

std::string pad(std::string s, size_t width) { return s.size() < width ? s + std::string(width - s.size(), ' ') : s; }

bool system_mode(const CheckState& s) { return s.priv.psw & pg32::PSW_SYSTEM; }

std::string describe(const CheckState& s) {
    return std::string(system_mode(s) ? "system" : "user") + " mode, pc " + hex(s.pc) + ", psw " + hex(s.priv.psw) +
           ", R = (" + hex(s.priv.rbase) + ", " + hex(s.priv.rbound) + ")";
}

// The registers the instruction reads, with their values in state s.
std::string operands(const CheckState& s) {
    std::optional<pg32::Decoded> d = pg32::decode(s.word);
    if (!d) return "";
    const pg32::FormatInfo& f = pg32::format_info(d->op);
    std::string out;
    auto show = [&](bool has, int r) {
        if (has && r) out += std::string(out.empty() ? "" : ", ") + pg32::register_name(r) + " = " + hex(s.regs[r]);
    };
    show(f.rs1.lo >= 0, d->rs1);
    show(f.rs2.lo >= 0, d->rs2);
    return out;
}

const Witness* main_witness(const InsnVerdict& v) {
    for (const char* kind : {"control", "mode", "location", "user", "privileged"})
        for (const Witness& w : v.witnesses)
            if (w.kind == kind) return &w;
    return nullptr;
}

void print_witness(std::ostream& out, const InsnVerdict& v, const Witness& w) {
    out << "  " << pg32::info(v.op).mnemonic << " is " << w.kind << (w.kind == "privileged" ? "" : "-sensitive") << ": "
        << disassemble_word(w.a.word, w.a.pc) << (operands(w.a).empty() ? "" : " with " + operands(w.a)) << "\n";
    out << "    " << (w.pair ? "state A: " : "before:  ") << describe(w.a) << "\n";
    out << "    " << (w.pair ? "state B: " : "after:   ") << describe(w.b) << "\n";
    for (const properties::FieldDiff& f : w.fields)
        out << "    " << pad(f.field, 15) << hex(f.a) << (w.pair ? " (A)  vs  " : "  ->  ") << hex(f.b)
            << (w.pair ? " (B)" : "") << "\n";
}

std::string names(const std::vector<std::string>& list) {
    std::string out;
    for (const std::string& n : list) out += (out.empty() ? "" : " ") + n;
    return out.empty() ? "(none)" : out;
}

void print_text(std::ostream& out, const ClassifyReport& r, bool all_witnesses) {
    out << "profile " << r.profile->name << ": " << r.instructions.size() << " instructions, " << r.states
        << " random states each (seed " << r.seed << ")\n\n"
        << pad("instruction", 12) << pad("declared", 30) << pad("measured", 30) << "agree\n";
    std::vector<std::string> sensitive, privileged;
    for (const InsnVerdict& v : r.instructions) {
        std::string m = pg32::info(v.op).mnemonic;
        out << pad(m, 12) << pad(properties::class_text(v.declared), 30) << pad(properties::class_text(v.measured), 30)
            << (v.agree ? "yes" : "NO") << "\n";
        if (v.measured.sensitive()) sensitive.push_back(m);
        if (v.measured.privileged) privileged.push_back(m);
    }
    out << "\nsensitive:  " << names(sensitive) << "\nprivileged: " << names(privileged) << "\n\n";
    out << "Theorem 1 (every sensitive instruction privileged: a trap-and-emulate monitor exists): "
        << (r.theorem1.holds ? "holds" : "fails, " + names(r.theorem1.violators)) << "\n";
    out << "Theorem 3 (every user-sensitive instruction privileged: a hybrid monitor exists): "
        << (r.theorem3.holds ? "holds" : "fails, " + names(r.theorem3.violators)) << "\n";
    if (r.guest_mode_theorem1)
        out << "Theorem 1 in guest mode (the guest-mode extension: every sensitive instruction traps to the monitor, "
               "--vmm=hardware): "
            << (r.guest_mode_theorem1->holds ? "holds" : "fails, " + names(r.guest_mode_theorem1->violators)) << "\n";
    for (const InsnVerdict& v : r.instructions) {
        bool violator = v.measured.sensitive() && !v.measured.privileged;
        if (!all_witnesses && !violator && v.agree) continue;
        if (v.witnesses.empty()) continue;
        out << "\nwitnesses for " << pg32::info(v.op).mnemonic << (v.agree ? "" : " (measured is not declared)")
            << ":\n";
        for (const Witness& w : v.witnesses) print_witness(out, v, w);
    }
}

ordered_json state_json(const CheckState& s) {
    ordered_json j;
    j["mode"] = system_mode(s) ? "system" : "user";
    j["pc"] = s.pc;
    j["word"] = s.word;
    j["asm"] = disassemble_word(s.word, s.pc);
    j["regs"] = std::vector<uint32_t>(s.regs, s.regs + 16);
    ordered_json csr = ordered_json::object();
    for (const pg32::CsrInfo& c : pg32::kCsrs) csr[c.name] = s.priv.read(c.value);
    j["csr"] = csr;
    return j;
}

ordered_json witness_json(const Witness& w) {
    ordered_json j;
    j["kind"] = w.kind;
    j[w.pair ? "a" : "before"] = state_json(w.a);
    j[w.pair ? "b" : "after"] = state_json(w.b);
    ordered_json fields = ordered_json::array();
    for (const properties::FieldDiff& f : w.fields) fields.push_back({{"field", f.field}, {"a", f.a}, {"b", f.b}});
    j["fields"] = fields;
    return j;
}

ordered_json report_json(const ClassifyReport& r) {
    ordered_json j;
    j["profile"] = r.profile->name;
    j["seed"] = r.seed;
    j["states"] = r.states;
    ordered_json list = ordered_json::array();
    for (const InsnVerdict& v : r.instructions) {
        ordered_json i;
        i["mnemonic"] = pg32::info(v.op).mnemonic;
        i["declared"] = properties::class_text(v.declared);
        i["measured"] = properties::class_text(v.measured);
        i["agree"] = v.agree;
        i["runs"] = v.runs;
        i["excluded"] = v.excluded;
        if (const Witness* w = main_witness(v)) i["witness"] = witness_json(*w);
        ordered_json all = ordered_json::array();
        for (const Witness& w : v.witnesses) all.push_back(witness_json(w));
        i["witnesses"] = all;
        list.push_back(i);
    }
    j["instructions"] = list;
    j["theorem1"] = {{"holds", r.theorem1.holds}, {"violators", r.theorem1.violators}};
    j["theorem3"] = {{"holds", r.theorem3.holds}, {"violators", r.theorem3.violators}};
    if (const std::optional<properties::TheoremVerdict>& g = r.guest_mode_theorem1)
        j["guest_mode"] = {{"theorem1", {{"holds", g->holds}, {"violators", g->violators}}}};
    j["agree"] = r.all_agree();
    return j;
}

// Lab profiles (pg32::is_lab_profile) are classified for instructors only:
// TRAPVM_LAB_INSTRUCTOR=1 (the lab's grader uses the library itself).
bool instructor_mode() {
    const char* v = std::getenv("TRAPVM_LAB_INSTRUCTOR");
    return v && std::string(v) == "1";
}

}  // namespace

int cmd_check(const Args& args) {
    Usage usage{"check", "[--profile NAME] [--seed S] [--states N] [--json] [--witnesses]  |  --list",
                "Classifies every instruction of an ISA profile as Popek and Goldberg define the classes\n"
                "(privileged; control-, mode- and location-sensitive; innocuous) by running it on the machine\n"
                "from random pairs of states, prints the measured class next to the one the table declares,\n"
                "witnesses (the two states and the fields that differ) for the violators, and whether\n"
                "Theorem 1 (a trap-and-emulate monitor) and Theorem 3 (a hybrid monitor) hold; on a profile\n"
                "with the guest-mode extension, also whether Theorem 1 holds in guest mode (--vmm=hardware).\n\n"
                "Exit status: 0 when every measured class is the declared one, 1 when one is not, 2 bad options."};
    add_profile_option(usage);
    usage.options.add_options()                                                                           //
        ("list", "print the profiles, one name a line")                                                   //
        ("seed", po::value<std::string>(), "the random states' seed (default 1)")                         //
        ("states", po::value<std::string>(), "random states per instruction (default 1000, at most 1M)")  //
        ("json", "print one JSON object instead of the table")                                            //
        ("witnesses", "print a witness of every finding, not only of violators");
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    bool instructor = instructor_mode();
    if (vars.count("list")) {
        for (const pg32::ProfileInfo& p : pg32::kProfiles)
            if (instructor || !pg32::is_lab_profile(p)) std::cout << p.name << "\n";
        return kExitOk;
    }
    if (pg32::is_lab_profile(pg32::active_profile()) && !instructor)
        return usage_error(usage, std::string("profile ") + pg32::active_profile().name +
                                      " is a lab profile: classifying its instructions is the lab's task "
                                      "(labs/virt/README.md); its grader measures them");
    std::optional<uint64_t> seed = read_count(usage, vars, "seed", 1, "a number");
    std::optional<uint64_t> states = read_count(usage, vars, "states", 1000, "a number in 1..1M", 1, 1'000'000);
    if (!seed || !states) return kExitUsage;
    properties::ClassifyOptions options{&pg32::active_profile(), *seed, static_cast<uint32_t>(*states)};
    ClassifyReport report = properties::classify(options);
    if (vars.count("json")) std::cout << report_json(report).dump() << "\n";
    else print_text(std::cout, report, vars.count("witnesses"));
    return report.all_agree() ? kExitOk : kExitDisagree;
}

}  // namespace trapvm::cli
