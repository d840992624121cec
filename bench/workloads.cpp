// The workloads of the benchmark suite (see bench.hpp and README.md).
#include "assembler/assembler.hpp"
#include "bench/bench.hpp"
#include "bench_programs.gen.hpp"
#include "vmm/monitor.hpp"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <ostream>
#include <stdexcept>

namespace trapvm::bench {

Image bench_program(const std::string& name, std::vector<std::pair<std::string, int64_t>> defines) {
    for (const BenchProgram& p : kBenchPrograms)
        if (name == p.name) {
            AssembleOptions options;
            options.defines = std::move(defines);
            AssembleResult r = assemble_source(p.source, "bench/programs/" + name + ".s", options);
            if (!r.ok()) throw std::runtime_error("bench program " + name + " does not assemble");
            return *r.image;
        }
    throw std::runtime_error("no bench program " + name);
}

namespace {

// No workload runs forever: a --guest-os image that never powers off (a
// kernel that forgot epc + 4) is skipped, with a note, after this many
// instructions; the suite's own workloads stay far below it.
constexpr uint64_t kMaxWorkloadSteps = 2'000'000'000;

// One bare run to the end (or to kMaxWorkloadSteps); returns the
// instructions retired.
uint64_t run_bare(const Image& image) {
    Machine m;
    for (const Segment& s : image.segments) m.load(s.address, s.bytes);
    m.reset(image.entry);
    m.run(kMaxWorkloadSteps);
    return m.steps();
}

struct MonitoredRun {
    uint64_t steps = 0;
    uint64_t exits = 0;
};

MonitoredRun run_monitored(const Image& image) {
    vmm::Monitor monitor({.max_steps = kMaxWorkloadSteps}, 1);
    for (const Segment& s : image.segments) monitor.load(0, s.address, s.bytes);
    monitor.reset(0, image.entry);
    monitor.run();
    return {monitor.vms()[0].cpu.steps, monitor.vms()[0].stats.exits()};
}

std::vector<double> mips(const std::vector<double>& seconds, uint64_t steps) {
    std::vector<double> out;
    for (double s : seconds) out.push_back(static_cast<double>(steps) / s / 1e6);
    return out;
}

Figure bare_speed(const std::string& label, const Image& image, const Options& o, const std::string& note) {
    uint64_t steps = run_bare(image);
    return figure(label, "MIPS", mips(time_runs(o.runs, [&] { run_bare(image); }), steps),
                  note + ", " + std::to_string(steps) + " instructions");
}

// Wall time under the monitor divided by wall time bare, run by run.
Figure monitor_ratio(const std::string& label, const Image& image, const Options& o, std::vector<double>* bare_out,
                     std::vector<double>* vmm_out) {
    std::vector<double> bare = time_runs(o.runs, [&] { run_bare(image); });
    std::vector<double> vmm = time_runs(o.runs, [&] { run_monitored(image); });
    std::vector<double> ratio;
    for (size_t i = 0; i < bare.size(); ++i) ratio.push_back(vmm[i] / bare[i]);
    if (bare_out) *bare_out = bare;
    if (vmm_out) *vmm_out = vmm;
    return figure(label, "ratio", ratio, "wall time monitor / bare, same guest");
}

// The guest OS's benchmark boot image, or nothing (with a note why).
std::optional<Image> read_guest_os(const std::string& path, std::ostream& progress) {
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string error = "cannot read it";
    std::optional<Image> image = in ? read_image(bytes, &error) : std::nullopt;
    if (image && run_bare(*image) >= kMaxWorkloadSteps) {
        error = "it did not stop within " + std::to_string(kMaxWorkloadSteps) + " instructions";
        image.reset();
    }
    if (!image) progress << "  guest OS workload skipped: " << path << ": " << error << "\n";
    return image;
}

// A large program of ordinary lines, for assembler throughput.
std::string big_program(int copies) {
    std::string text = ".include \"pg32.inc\"\n_start:\n";
    for (int i = 0; i < copies; ++i) {
        std::string label = "l";  // (not "l" + to_string(i): GCC 12 warns wrongly, PR 105651)
        label += std::to_string(i);
        text += label;
        text += ": lw t2, 0(t0)\n        add t2, t2, t1   # comment\n        addi t3, t3, -1\n        bnez t3, ";
        text += label;
        text += "\n";
    }
    text += "        halt\n";
    return text;
}

}  // namespace

std::vector<Figure> run_suite(const Options& o, std::ostream& progress) {
    std::vector<Figure> figures;
    auto note = [&](const Figure& f) {
        progress << "  " << f.name << ": " << f.median << " " << f.unit << "\n" << std::flush;
        figures.push_back(f);
    };
    int64_t scale = o.quick ? 1 : 1000;
    Image loop = bench_program("loop", {{"ITERATIONS", 50'000 * scale}});
    note(bare_speed("loop (a) bare", loop, o, "8 instructions per iteration"));
    note(bare_speed("copy (b) bare", bench_program("copy", {{"ROUNDS", 10 * scale}}), o, "16 KiB copy and checksum"));
    note(bare_speed("fib (c) bare", bench_program("fib", {{"N", o.quick ? 15 : 32}}), o, "recursive fib"));
    note(monitor_ratio("monitor/bare, CPU-bound (loop)", loop, o, nullptr, nullptr));
    if (std::optional<Image> os = read_guest_os(o.guest_os_image, progress)) {
        note(bare_speed("guest OS (d) bare", *os, o, "boot-crunch: two CPU-bound processes, preempted"));
        note(monitor_ratio("monitor/bare, CPU-bound (guest OS)", *os, o, nullptr, nullptr));
    }
    Image storm = bench_program("trapstorm", {{"COUNT", 1'000 * scale}});
    std::vector<double> bare, vmm;
    note(monitor_ratio("monitor/bare, trap-heavy (trapstorm)", storm, o, &bare, &vmm));
    uint64_t exits = run_monitored(storm).exits;
    std::vector<double> ns;
    for (size_t i = 0; i < bare.size(); ++i) ns.push_back((vmm[i] - bare[i]) * 1e9 / static_cast<double>(exits));
    note(figure("cost of one monitor exit", "ns", ns,
                std::to_string(exits) + " exits: (monitor time - bare time) / exits"));
    std::string source = big_program(o.quick ? 100 : 49'000);  // 196,003 lines: inside the 200,000-line limit
    double lines = static_cast<double>(std::count(source.begin(), source.end(), '\n'));
    std::vector<double> rate;
    for (double s : time_runs(o.runs, [&] { assemble_source(source, "big.s"); })) rate.push_back(lines / s / 1e3);
    note(figure("assembler throughput", "k lines/s", rate, std::to_string(static_cast<long>(lines)) + " lines"));
    pathological_workloads(o, note);
    for (const Figure& f : debugger_suite(o, progress)) figures.push_back(f);
    return figures;
}

}  // namespace trapvm::bench
