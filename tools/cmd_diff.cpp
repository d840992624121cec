// trapvm diff TRACE_A TRACE_B: where two JSONL traces first differ, in what
// the guest can see. trapvm diff --bare-vs-vmm PROGRAM: run PROGRAM on the
// bare machine and under the monitor and compare the same way, without
// storing either trace (properties::check_equivalence).
//
// Exit status: 0 equivalent, 1 different, 2 usage, 65 a file that is no
// trace (or a bad program), 66 a file that cannot be read.
#include "properties/equivalence.hpp"
#include "tools/commands.hpp"
#include "tools/outcome.hpp"
#include "tools/program.hpp"
#include "tools/run_support.hpp"
#include "trace/annotate.hpp"
#include "trace/diff.hpp"

#include <iostream>

namespace trapvm::cli {

namespace {

constexpr int kExitDifferent = 1;
constexpr uint64_t kDiffMaxSteps = 10'000'000;  // --bare-vs-vmm keeps 8 bytes per record

// Which VM of a trace to compare: --vm, or the only one. -1: a bare trace.
std::optional<int> vm_of(const Usage& usage, const po::variables_map& vars, const trace::TraceReader& reader,
                         const std::string& path) {
    const trace::Header& h = reader.header();
    if (!h.vmm) return -1;
    size_t count = h.programs.size();
    if (!vars.count("vm")) {
        if (count <= 1) return 0;
        usage_error(usage, path + " holds " + std::to_string(count) + " VMs: choose one with --vm");
        return std::nullopt;
    }
    std::string text = vars["vm"].as<std::string>();
    std::optional<uint64_t> index = parse_count(text.rfind("vm", 0) == 0 ? text.substr(2) : text);
    if (!index || *index >= count) {
        usage_error(usage, "--vm '" + text + "': " + path + " has VMs vm0..vm" + std::to_string(count - 1));
        return std::nullopt;
    }
    return static_cast<int>(*index);
}

int open_trace(trace::TraceReader& reader, const std::string& path) {
    trace::TraceReader::Status status = reader.open(path);
    if (status == trace::TraceReader::Status::Ok) return kExitOk;
    return fail("diff", reader.error(), status == trace::TraceReader::Status::Missing ? kExitNoInput : kExitBadInput);
}

int diff_files(const Usage& usage, const po::variables_map& vars, const std::vector<std::string>& paths,
               size_t context) {
    trace::TraceReader a, b;
    if (int status = open_trace(a, paths[0])) return status;
    if (int status = open_trace(b, paths[1])) return status;
    if (a.header().profile != b.header().profile)
        return fail("diff",
                    "the traces are of different ISA profiles: " + printable(paths[0]) + " of " +
                        printable(a.header().profile) + ", " + printable(paths[1]) + " of " +
                        printable(b.header().profile),
                    kExitBadInput);
    std::optional<int> vm_a = vm_of(usage, vars, a, paths[0]), vm_b = vm_of(usage, vars, b, paths[1]);
    if (!vm_a || !vm_b) return kExitUsage;
    trace::GuestEvents events_a(a, *vm_a), events_b(b, *vm_b);
    trace::DiffResult result = trace::diff({events_a, paths[0], trace::TextFormat(a.header().vmm, false)},
                                           {events_b, paths[1], trace::TextFormat(b.header().vmm, false)}, context);
    for (const trace::TraceReader* r : {&a, &b})
        if (r->failed()) return fail("diff", r->error(), kExitBadInput);
    std::cout << result.report;
    return result.equivalent ? kExitOk : kExitDifferent;
}

// Records of --bare-vs-vmm as events; symbols only in system mode, where
// the pc is a physical address (R is not known here).
std::vector<trace::Event> events_of(const std::vector<trace::Record>& records, const Image& image) {
    trace::Annotator annotator(&image);
    std::vector<trace::Event> events;
    for (const trace::Record& r : records) {
        trace::Event e;
        e.type = r.kind == trace::Record::Kind::Step ? trace::Event::Type::Step : trace::Event::Type::Trap;
        e.record = r;
        annotator.annotate(e, 0);  // (R is not known: user-mode symbols are cleared below)
        if (!r.system) e.symbol = e.source = "";
        events.push_back(std::move(e));
    }
    return events;
}

std::optional<std::string> read_input(const po::variables_map& vars) {
    if (!vars.count("input")) return "";
    std::string path = vars["input"].as<std::string>(), error;
    std::optional<std::string> bytes = read_file(path == "-" ? "/dev/stdin" : path, &error);
    if (!bytes) fail("diff", "--input: " + error, kExitNoInput);
    return bytes;
}

int diff_bare_vs_vmm(const Usage& usage, const po::variables_map& vars, const std::string& program, size_t context) {
    std::optional<RunLimits> limits = read_limits(usage, vars);
    if (!limits) return kExitUsage;
    std::optional<uint32_t> quantum = read_quantum(usage, vars);
    if (!quantum) return kExitUsage;
    std::optional<AssembleOptions> assemble = assemble_options(usage, vars);
    if (!assemble) return kExitUsage;
    int status = kExitOk;
    std::optional<Image> image = load_program("diff", program, *assemble, &status);
    if (!image) return status;
    std::optional<std::string> input = read_input(vars);
    if (!input) return kExitNoInput;
    properties::EquivalenceSetup setup;
    if (vars.count("vmm")) {
        std::optional<vmm::Technique> technique = read_technique(usage, vars);
        if (!technique) return kExitUsage;
        setup.technique = *technique;
    }
    if (int refused = check_technique("diff", setup.technique)) return refused;
    setup.image = &*image;
    setup.memory_size = limits->memory_size;
    setup.input = *input;
    setup.max_steps = vars.count("max-steps") ? limits->max_steps : kDiffMaxSteps;
    setup.quantum = static_cast<uint32_t>(*quantum);
    std::optional<Image> vmm_image;
    if (vars.count("vmm-image")) {
        vmm_image = load_program("diff", vars["vmm-image"].as<std::string>(), *assemble, &status);
        if (!vmm_image) return status;
        if (vmm_image->profile != image->profile)
            return fail("diff",
                        "--vmm-image is a program of profile " + printable(vmm_image->profile) + ", " + program +
                            " of " + printable(image->profile) + ": both must run on one machine",
                        kExitBadInput);
        setup.vmm_image = &*vmm_image;
    }
    properties::EquivalenceResult r = properties::check_equivalence(setup);
    if (r.equivalent && vmm_image) {
        std::cout << "equivalent: the same console output (" << r.console_bare.size() << " bytes) and the same end"
                  << (r.stop_bare.reason == StopReason::Running ? " (the step limit)" : "") << "; " << r.steps_bare
                  << " steps bare, " << r.steps_vmm << " under the monitor, " << r.stats.exits() << " exits\n";
        return kExitOk;
    }
    if (r.equivalent) {
        std::cout << "equivalent: " << r.records << " guest-visible records compared (bare and vmm), the same console "
                  << "output and the same end" << (r.stop_bare.reason == StopReason::Running ? " (the step limit)" : "")
                  << "\n";
        return kExitOk;
    }
    if (r.context_bare.empty() && r.context_vmm.empty()) {
        std::cout << "the runs differ: " << r.report;
        return kExitDifferent;
    }
    trace::EventList a(events_of(r.context_bare, *image)), b(events_of(r.context_vmm, *image));
    trace::DiffResult d = trace::diff({a, "bare", trace::TextFormat(false, false)},
                                      {b, "vmm", trace::TextFormat(true, false)}, context, r.context_first);
    std::cout << d.report;
    return kExitDifferent;
}

}  // namespace

int cmd_diff(const Args& args) {
    Usage usage{"diff", "TRACE_A TRACE_B [--vm N]  |  --bare-vs-vmm [--vmm=KIND] PROGRAM [--vmm-image IMG] [OPTIONS]",
                "Compares two JSONL traces (from 'trapvm trace --format jsonl') in what the\n"
                "guest can see: step, trap and interrupt records, field by field (step, pc,\n"
                "word, (virtual) mode, register, memory and csr writes, port accesses, trap\n"
                "cause and badaddr). Monitor records are skipped, so a bare trace and a --vmm\n"
                "trace of one program compare equal. Prints the first divergence with context,\n"
                "or how many records were equal.\n\n"
                "With --bare-vs-vmm, runs PROGRAM on the bare machine and under the monitor\n"
                "itself and compares the same way (console input: --input only; at most 10M\n"
                "steps unless --max-steps; --vmm=KIND picks the monitor's technique).\n"
                "With --vmm-image IMG, IMG runs under the monitor instead (a paravirtual build\n"
                "of PROGRAM, for --vmm=paravirt): their instruction streams differ, so the\n"
                "console output and the end are compared.\n\n"
                "Exit status: 0 equivalent, 1 different, 2 bad options, 65 not a trace (or a\n"
                "bad program), 66 a file that cannot be read."};
    usage.arguments.add_options()("inputs", po::value<std::vector<std::string>>(), "the traces, or the program");
    usage.options.add_options()                                                                    //
        ("bare-vs-vmm", "run PROGRAM bare and under the monitor, and compare the two runs")        //
        ("vm", po::value<std::string>(), "the VM to compare in traces of several VMs (vm1 or 1)")  //
        ("vmm-image", po::value<std::string>()->value_name("IMG"),
         "with --bare-vs-vmm: run IMG under the monitor instead of PROGRAM, comparing output and end")  //
        ("context", po::value<std::string>(), "equal records shown before a divergence (default 3)");
    add_max_steps_option(usage, "with --bare-vs-vmm", "10M");
    add_input_option(usage, "with --bare-vs-vmm: console input from FILE ('-' for stdin)");
    add_mem_size_option(usage, "with --bare-vs-vmm");
    add_quantum_option(usage, "with --bare-vs-vmm");
    add_vmm_option(usage, "with --bare-vs-vmm, the monitor to compare with the bare machine");
    add_assembler_options(usage);
    usage.positional.add("inputs", -1);
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    std::vector<std::string> inputs =
        vars.count("inputs") ? vars["inputs"].as<std::vector<std::string>>() : std::vector<std::string>{};
    std::optional<uint64_t> context = read_count(usage, vars, "context", 3, "a number of records up to 1000", 0, 1000);
    if (!context) return kExitUsage;
    if (vars.count("bare-vs-vmm")) {
        if (inputs.size() != 1) return usage_error(usage, "--bare-vs-vmm takes one PROGRAM");
        return diff_bare_vs_vmm(usage, vars, inputs[0], *context);
    }
    for (const char* name : {"max-steps", "input", "mem-size", "quantum", "vmm", "vmm-image"})
        if (vars.count(name)) return usage_error(usage, std::string("--") + name + " needs --bare-vs-vmm");
    if (inputs.size() != 2) return usage_error(usage, "expected two traces, TRACE_A and TRACE_B");
    return diff_files(usage, vars, inputs, *context);
}

}  // namespace trapvm::cli
