// trapvm compare PROGRAM...: each program bare and under every monitor
// technique (vmm/technique.hpp), side by side: is each run equivalent to
// the bare one, how many exits it took, how much of it ran directly,
// emulated or interpreted. Every figure is a count of guest instructions or
// exits, never host time, so the table is the same on every machine.
//
// Exit status: 0 every technique equivalent on every program, 1 one was not,
// 2 usage, 65 a bad program, 66 a file that cannot be read.
#include "properties/equivalence.hpp"
#include "tools/commands.hpp"
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
// The ISA profile the runs use. (With ISA profiles, the active one.)
constexpr const char* kProfile = "pg32";

// One row of the table: a program bare ("bare") or under a technique.
struct Row {
    std::string workload, technique;
    bool equivalent = true;
    std::string divergence;  // the first difference, when not equivalent
    uint64_t steps = 0;
    vmm::ExitStats stats;
};

nlohmann::ordered_json to_json(const Row& r) {
    nlohmann::ordered_json j = {{"profile", kProfile},
                                {"technique", r.technique},
                                {"workload", r.workload},
                                {"equivalent", r.equivalent},
                                {"divergence", nullptr},
                                {"steps", r.steps},
                                {"exits", r.stats.exits()},
                                {"emulated", r.stats.interpreted},
                                {"interpreted", r.stats.hybrid_interpreted},
                                {"direct", r.technique == "bare" ? r.steps : r.stats.direct},
                                {"direct_share", r.technique == "bare" ? 1.0 : r.stats.efficiency()}};
    if (!r.equivalent) j["divergence"] = r.divergence;
    return j;
}

std::string text_table(const std::vector<Row>& rows) {
    size_t width = 8;
    for (const Row& r : rows) width = std::max(width, r.workload.size());
    std::string out = "profile " + std::string(kProfile) + "; counts are guest instructions and exits\n\n";
    char line[400];
    std::snprintf(line, sizeof line, "%-*s  %-16s  %-10s  %11s  %8s  %9s  %11s  %11s  %7s\n", static_cast<int>(width),
                  "workload", "technique", "equivalent", "guest steps", "exits", "emulated", "interpreted", "direct",
                  "direct%");
    out += line;
    for (const Row& r : rows) {
        bool bare = r.technique == "bare";
        auto count = [bare](uint64_t n) { return bare ? std::string("-") : std::to_string(n); };
        std::snprintf(line, sizeof line, "%-*s  %-16s  %-10s  %11llu  %8s  %9s  %11s  %11llu  %6.2f%%\n",
                      static_cast<int>(width), r.workload.c_str(), r.technique.c_str(),
                      bare           ? "-"
                      : r.equivalent ? "yes"
                                     : "NO",
                      static_cast<unsigned long long>(r.steps), count(r.stats.exits()).c_str(),
                      count(r.stats.interpreted).c_str(), count(r.stats.hybrid_interpreted).c_str(),
                      static_cast<unsigned long long>(bare ? r.steps : r.stats.direct),
                      100.0 * (bare ? 1.0 : r.stats.efficiency()));
        out += line;
    }
    for (const Row& r : rows)
        if (!r.equivalent) out += "\n" + r.workload + " under " + r.technique + ": " + r.divergence;
    return out;
}

std::optional<std::string> read_input(const po::variables_map& vars) {
    if (!vars.count("input")) return "";
    std::string path = vars["input"].as<std::string>(), error;
    std::optional<std::string> bytes = read_file(path == "-" ? "/dev/stdin" : path, &error);
    if (!bytes) fail("compare", "--input: " + error, kExitNoInput);
    return bytes;
}

// The bare row and one row per technique for one program.
void compare(const properties::EquivalenceSetup& base, const std::string& workload, std::vector<Row>& rows) {
    for (const vmm::TechniqueInfo& t : vmm::kTechniques) {
        properties::EquivalenceSetup setup = base;
        setup.technique = t.technique;
        properties::EquivalenceResult r = properties::check_equivalence(setup);
        if (rows.empty() || rows.back().workload != workload)
            rows.push_back({.workload = workload, .technique = "bare", .steps = r.steps_bare});
        rows.push_back({.workload = workload,
                        .technique = t.name,
                        .equivalent = r.equivalent,
                        .divergence = r.report,
                        .steps = r.steps_vmm,
                        .stats = r.stats});
    }
}

}  // namespace

int cmd_compare(const Args& args) {
    Usage usage{"compare", "PROGRAM... [--json] [OPTIONS]",
                "Runs each PROGRAM (a .s file or an image) on the bare machine and under the monitor\n"
                "with every technique (" +
                    vmm::technique_names() +
                    "), and prints one table: whether each run is\n"
                    "equivalent to the bare one (as 'trapvm diff --bare-vs-vmm'), its guest steps, exits,\n"
                    "instructions emulated at exits, interpreted (hybrid) and run directly, and the share run\n"
                    "directly. Counts only, no host time: the same on every machine. With --json, an array of\n"
                    "rows (profile, technique, workload, equivalent, divergence, steps, exits, emulated,\n"
                    "interpreted, direct, direct_share).\n\n"
                    "Exit status: 0 every run equivalent, 1 one was not, 2 bad options, 65 a bad program,\n"
                    "66 a file that cannot be read."};
    usage.arguments.add_options()("program", po::value<std::vector<std::string>>(), "the programs");
    usage.positional.add("program", -1);
    usage.options.add_options()("json", "print the rows as a JSON array");
    add_max_steps_option(usage, nullptr, "10M");
    add_input_option(usage, "console input from FILE for every run ('-' for stdin; default none)");
    add_mem_size_option(usage);
    add_quantum_option(usage, nullptr);
    add_assembler_options(usage);
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    if (!vars.count("program")) return usage_error(usage, "no PROGRAM given");
    std::optional<RunLimits> limits = read_limits(usage, vars);
    std::optional<uint32_t> quantum = limits ? read_quantum(usage, vars) : std::nullopt;
    std::optional<AssembleOptions> assemble = quantum ? assemble_options(usage, vars) : std::nullopt;
    if (!assemble) return kExitUsage;
    std::optional<std::string> input = read_input(vars);
    if (!input) return kExitNoInput;
    std::vector<Row> rows;
    for (const std::string& path : vars["program"].as<std::vector<std::string>>()) {
        int status = kExitOk;
        std::optional<Image> image = load_program("compare", path, *assemble, &status);
        if (!image) return status;
        properties::EquivalenceSetup setup;
        setup.image = &*image;
        setup.memory_size = limits->memory_size;
        setup.input = *input;
        setup.max_steps = vars.count("max-steps") ? limits->max_steps : kCompareMaxSteps;
        setup.quantum = *quantum;
        compare(setup, std::filesystem::path(path).filename().string(), rows);
    }
    if (vars.count("json")) {
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const Row& r : rows) out.push_back(to_json(r));
        std::cout << out.dump(2) << "\n";
    } else {
        std::cout << text_table(rows);
    }
    std::cout.flush();
    if (!std::cout) return fail("compare", "cannot write to stdout", kExitCannotWrite);
    bool all = std::all_of(rows.begin(), rows.end(), [](const Row& r) { return r.equivalent; });
    return all ? kExitOk : kExitDifferent;
}

}  // namespace trapvm::cli
