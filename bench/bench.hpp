// The benchmark suite (make bench, trapvm bench): how fast the machine, the
// monitor and the assembler are, measured in-process with warm-up and
// several runs. Benchmarks are not tests: nothing here fails on a timing.
#pragma once

#include "image/image.hpp"

#include <nlohmann/json.hpp>

#include <functional>
#include <iosfwd>
#include <string>
#include <utility>
#include <vector>

namespace trapvm::bench {

struct Options {
    int runs = 5;                // timed runs per measurement, after one warm-up run
    bool quick = false;          // tiny sizes: checks the suite works, measures nothing useful
    std::string guest_os_image;  // workload (d), build/guest-os/boot-crunch.img; skipped if empty
};

// One figure: the median of the runs, with their minimum and maximum.
struct Figure {
    std::string name;  // "loop (a) bare"
    std::string unit;  // "MIPS", "ratio", "ns", ...
    double median = 0, min = 0, max = 0;
    std::string note;  // what was run
};

// Seconds of each run of f, after one warm-up run.
std::vector<double> time_runs(int runs, const std::function<void()>& f);

// Builds a figure from per-run values (already converted to the unit).
Figure figure(std::string name, std::string unit, std::vector<double> values, std::string note);

std::vector<Figure> run_suite(const Options& options, std::ostream& progress);
// The debugger's rows (debugger.cpp): goto and reverse-step latency in a
// long run, at 1 MiB and 256 MiB of memory, and its checkpoints' memory.
std::vector<Figure> debugger_suite(const Options& options, std::ostream& progress);

// A program of bench/programs, assembled with -D defines.
Image bench_program(const std::string& name, std::vector<std::pair<std::string, int64_t>> defines);

// The assembler and disassembler on pathological programs (pathological.cpp).
void pathological_workloads(const Options& options, const std::function<void(const Figure&)>& note);

std::string format_table(const std::vector<Figure>& figures);
nlohmann::ordered_json to_json(const std::vector<Figure>& figures);

}  // namespace trapvm::bench
