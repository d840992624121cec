// trapvm compare [PROGRAM...]: each program bare and under every monitor
// technique (vmm/technique.hpp), side by side: is each run equivalent to
// the bare one, how many exits it took, how much of it ran directly,
// emulated or interpreted. With no program, the guest OS workloads of every
// shipped profile (compare_suite.hpp). Every figure but the last is a count
// of guest instructions or exits, the same on every machine; the last, the
// speed relative to bare, is CPU time measured in the same run.
//
// Exit status: 0 every technique equivalent on every program, 1 one was not,
// 2 usage, 65 a bad program, 66 a file that cannot be read.
#include "properties/equivalence.hpp"
#include "properties/speed.hpp"
#include "tools/commands.hpp"
#include "tools/compare_suite.hpp"
#include "tools/program.hpp"
#include "tools/run_support.hpp"
#include "vmm/technique.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>

namespace trapvm::cli {

namespace {

constexpr int kExitDifferent = 1;
constexpr uint64_t kCompareMaxSteps = 10'000'000;  // as diff --bare-vs-vmm: the bare run keeps a hash per record

// One row of the table: a program bare ("bare") or under a technique.
struct Row {
    std::string profile, workload, technique;
    const char* flaw_in = nullptr;  // a suite workload's: "system" or "user", where the profile's flaw runs
    bool equivalent = true;
    std::string divergence;   // the first difference, when not equivalent
    std::string unavailable;  // why the technique cannot run this profile (then nothing ran)
    uint64_t steps = 0;
    vmm::ExitStats stats;
    double speed = 0;  // relative to bare (bare: 1); 0 when not measured
};

nlohmann::ordered_json to_json(const Row& r) {
    nlohmann::ordered_json j = {{"profile", r.profile},
                                {"technique", r.technique},
                                {"workload", r.workload},
                                {"flaw_in", r.flaw_in ? nlohmann::ordered_json(r.flaw_in) : nullptr},
                                {"equivalent", r.equivalent},
                                {"divergence", nullptr},
                                {"steps", r.steps},
                                {"exits", r.stats.exits()},
                                {"emulated", r.stats.interpreted},
                                {"interpreted", r.stats.hybrid_interpreted + r.stats.sensitive_exit_count()},
                                {"patched", r.stats.patched},
                                {"hypercalls", r.stats.hypercalls},
                                {"direct", r.technique == "bare" ? r.steps : r.stats.direct},
                                {"direct_share", r.technique == "bare" ? 1.0 : r.stats.efficiency()},
                                {"relative_speed", nullptr},
                                {"unavailable", nullptr}};
    if (!r.equivalent) j["divergence"] = r.divergence;
    if (!r.unavailable.empty()) {
        j["equivalent"] = nullptr;
        j["unavailable"] = r.unavailable;
    }
    if (r.speed > 0) j["relative_speed"] = r.speed;
    return j;
}

std::string equivalent_text(const Row& r) {
    if (r.technique == "bare") return "-";
    if (!r.unavailable.empty()) return "n/a";
    return r.equivalent ? "yes" : "NO";
}

std::string speed_text(const Row& r) {
    if (r.speed <= 0) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.2fx", r.speed);
    return text;
}

std::string text_row(const Row& r, int width) {
    bool bare = r.technique == "bare", none = !r.unavailable.empty();  // none: n/a, nothing ran
    auto count = [bare, none](uint64_t n) { return bare || none ? std::string("-") : std::to_string(n); };
    auto always = [none](uint64_t n) { return none ? std::string("-") : std::to_string(n); };
    char share[16] = "-";
    if (!none) std::snprintf(share, sizeof share, "%.2f%%", 100.0 * (bare ? 1.0 : r.stats.efficiency()));
    char line[400];
    std::snprintf(line, sizeof line, "%-10s  %-*s  %-16s  %-10s  %11s  %8s  %9s  %11s  %7s  %7s  %11s  %8s  %6s\n",
                  r.profile.c_str(), width, r.workload.c_str(), r.technique.c_str(), equivalent_text(r).c_str(),
                  always(r.steps).c_str(), count(r.stats.exits()).c_str(), count(r.stats.interpreted).c_str(),
                  count(r.stats.hybrid_interpreted + r.stats.sensitive_exit_count()).c_str(),
                  count(r.stats.patched).c_str(), count(r.stats.hypercalls).c_str(),
                  always(bare ? r.steps : r.stats.direct).c_str(), share, speed_text(r).c_str());
    return line;
}

std::string text_table(const std::vector<Row>& rows) {
    int width = 8;
    for (const Row& r : rows) width = std::max(width, static_cast<int>(r.workload.size()));
    std::string out = "counts are guest instructions and exits; speed is CPU time relative to bare, this run\n\n";
    char line[400];
    std::snprintf(line, sizeof line, "%-10s  %-*s  %-16s  %-10s  %11s  %8s  %9s  %11s  %7s  %7s  %11s  %8s  %6s\n",
                  "profile", width, "workload", "technique", "equivalent", "guest steps", "exits", "emulated",
                  "interpreted", "patched", "hcalls", "direct", "direct%", "speed");
    out += line;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (i > 0 && rows[i].profile != rows[i - 1].profile) out += "\n";
        out += text_row(rows[i], width);
    }
    for (const Row& r : rows)
        if (!r.equivalent) out += "\n" + r.workload + " (" + r.profile + ") under " + r.technique + ": " + r.divergence;
    return out;
}

std::optional<std::string> read_input(const po::variables_map& vars) {
    if (!vars.count("input")) return "";
    std::string path = vars["input"].as<std::string>(), error;
    std::optional<std::string> bytes = read_file(path == "-" ? "/dev/stdin" : path, &error);
    if (!bytes) fail("compare", "--input: " + error, kExitNoInput);
    return bytes;
}

// The speed relative to bare, or 0 for a program too short for it to mean
// anything (the monitor's own set-up would be most of the time).
constexpr uint64_t kMinTimedSteps = 10'000;
double speed_of(const properties::EquivalenceSetup& setup, uint64_t steps) {
    return steps >= kMinTimedSteps ? properties::measure_speed(setup).relative() : 0.0;
}

// The bare row and one row per technique for one program.
// (paravirt: the program's paravirtual build, when it has one)
void compare(const properties::EquivalenceSetup& base, const std::string& workload, const char* flaw_in,
             const Image* paravirt, bool speed, std::vector<Row>& rows) {
    std::string profile = pg32::active_profile().name;
    for (const vmm::TechniqueInfo& t : vmm::kTechniques) {
        properties::EquivalenceSetup setup = base;
        setup.technique = t.technique;
        if (t.technique == vmm::Technique::Paravirt) setup.vmm_image = paravirt;
        std::optional<std::string> unavailable = vmm::technique_unavailable(t.technique, pg32::active_profile());
        properties::EquivalenceResult r =
            unavailable ? properties::EquivalenceResult{.equivalent = true} : properties::check_equivalence(setup);
        if (unavailable) r.steps_bare = rows.empty() ? 0 : rows.back().steps;
        if (rows.empty() || rows.back().workload != workload || rows.back().profile != profile)
            rows.push_back({.profile = profile,
                            .workload = workload,
                            .technique = "bare",
                            .flaw_in = flaw_in,
                            .steps = r.steps_bare,
                            .speed = speed && r.steps_bare >= kMinTimedSteps ? 1.0 : 0.0});
        rows.push_back({.profile = profile,
                        .workload = workload,
                        .technique = t.name,
                        .flaw_in = flaw_in,
                        .equivalent = r.equivalent,
                        .divergence = r.report,
                        .unavailable = unavailable.value_or(""),
                        .steps = r.steps_vmm,
                        .stats = r.stats,
                        .speed = speed && !unavailable ? speed_of(setup, r.steps_bare) : 0.0});
    }
}

// The programs to run: those given, or the suite's (compare_suite.hpp).
struct Program {
    std::string path, name;
    const pg32::ProfileInfo* profile = nullptr;  // the suite's; null: the image's own
    int vms = 1;                                 // copies side by side, each checked against its bare run
    const char* flaw_in = nullptr;               // the suite's: "system" or "user"
    std::string paravirt;                        // the suite's: its paravirtual build, or ""
};

std::optional<std::vector<Program>> programs_of(const po::variables_map& vars) {
    std::vector<Program> out;
    if (vars.count("program")) {
        for (const std::string& path : vars["program"].as<std::vector<std::string>>())
            out.push_back({path, std::filesystem::path(path).filename().string()});
        return out;
    }
    std::filesystem::path dir =
        vars.count("guest-os") ? std::filesystem::path(vars["guest-os"].as<std::string>()) : default_guest_os_dir();
    const pg32::ProfileInfo* only = vars.count("profile") ? &pg32::active_profile() : nullptr;
    std::vector<std::string> missing;
    for (const Workload& w : suite_workloads(dir, only, &missing))
        out.push_back({w.path.string(), w.name, w.profile, w.vms, w.flaw_in, w.paravirt.string()});
    if (missing.empty()) return out;
    std::string list;
    for (const std::string& m : missing) list += "\n  " + m;
    fail("compare",
         "the guest OS images are not built:" + list +
             "\n(build them with 'cmake --build build --target guest_os', or give --guest-os DIR)",
         kExitNoInput);
    return std::nullopt;
}

// The program at p, on its own profile (unless --profile fixed one).
std::optional<Image> load_for_compare(const Program& p, bool profile_fixed, const AssembleOptions& assemble,
                                      int* status) {
    if (p.profile) pg32::select_profile(*p.profile);
    profile_given = profile_fixed || p.profile;
    return load_program("compare", p.path, assemble, status);
}

void print_rows(const std::vector<Row>& rows, bool json) {
    if (!json) {
        std::cout << text_table(rows);
        return;
    }
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Row& r : rows) out.push_back(to_json(r));
    std::cout << out.dump(2) << "\n";
}

}  // namespace

int cmd_compare(const Args& args) {
    Usage usage{
        "compare", "[PROGRAM...] [--json] [OPTIONS]",
        "Runs each PROGRAM (a .s file or an image) on the bare machine and under the monitor\n"
        "with every technique, and prints one table. The techniques: " +
            vmm::technique_names() +
            ".\n"
            "For each run: equivalent to the bare one or not (as 'trapvm diff --bare-vs-vmm'), its\n"
            "guest steps, exits, instructions emulated at exits, interpreted (hybrid, hardware),\n"
            "patched, hypercalls (paravirt) and run directly, the share run directly, and the speed relative to bare\n"
            "(CPU time measured in this run, for programs of 10,000 steps or more: the counts are\n"
            "the same on every machine, the speed is not). With no PROGRAM, the guest OS workloads\n"
            "of every profile (or of --profile's): its guest OS build, and for a flawed profile a\n"
            "program that runs the flaw in user mode (guest-os/flaws/); under paravirt a guest OS\n"
            "build runs its paravirtual build instead, judged by its console output and end. With\n"
            "--json, an array of rows (profile, technique, workload, flaw_in, equivalent,\n"
            "divergence, steps, exits, emulated, interpreted, patched, hypercalls, direct, direct_share,\n"
            "relative_speed, unavailable: why a technique cannot run the profile, then equivalent\n"
            "is null and the row shows n/a).\n\n"
            "Exit status: 0 every run equivalent, 1 one was not, 2 bad options, 65 a bad program,\n"
            "66 a file that cannot be read (or guest OS images not built)."};
    usage.arguments.add_options()("program", po::value<std::vector<std::string>>(), "the programs");
    usage.positional.add("program", -1);
    usage.options.add_options()("json", "print the rows as a JSON array")(
        "guest-os", po::value<std::string>()->value_name("DIR"),
        "the guest OS images, with no PROGRAM (default: the build's guest-os/, beside tools/)")(
        "no-speed", "do not time the runs (the speed column shows -)");
    add_max_steps_option(usage, nullptr, "10M");
    add_input_option(usage, "console input from FILE for every run ('-' for stdin; default none)");
    add_mem_size_option(usage);
    add_quantum_option(usage, nullptr);
    add_assembler_options(usage);
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    std::optional<RunLimits> limits = read_limits(usage, vars);
    std::optional<uint32_t> quantum = limits ? read_quantum(usage, vars) : std::nullopt;
    std::optional<AssembleOptions> assemble = quantum ? assemble_options(usage, vars) : std::nullopt;
    if (!assemble) return kExitUsage;
    std::optional<std::string> input = read_input(vars);
    if (!input) return kExitNoInput;
    std::optional<std::vector<Program>> programs = programs_of(vars);
    if (!programs) return kExitNoInput;
    std::vector<Row> rows;
    for (const Program& p : *programs) {
        int status = kExitOk;
        std::optional<Image> image = load_for_compare(p, vars.count("profile") > 0, *assemble, &status), paravirt;
        if (!image) return status;
        if (!p.paravirt.empty() && !(paravirt = load_program("compare", p.paravirt, *assemble, &status))) return status;
        properties::EquivalenceSetup setup;
        setup.image = &*image;
        setup.memory_size = limits->memory_size;
        setup.input = *input;
        setup.max_steps = vars.count("max-steps") ? limits->max_steps : kCompareMaxSteps;
        setup.quantum = *quantum;
        for (int i = 1; i < p.vms; ++i) setup.beside.push_back({&*image, *input});
        compare(setup, p.name, p.flaw_in, paravirt ? &*paravirt : nullptr, !vars.count("no-speed"), rows);
    }
    print_rows(rows, vars.count("json") > 0);
    std::cout.flush();
    if (!std::cout) return fail("compare", "cannot write to stdout", kExitCannotWrite);
    bool all = std::all_of(rows.begin(), rows.end(), [](const Row& r) { return r.equivalent; });
    return all ? kExitOk : kExitDifferent;
}

}  // namespace trapvm::cli
