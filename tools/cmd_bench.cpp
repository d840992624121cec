// trapvm bench: the in-process benchmark suite (bench/). `make bench` adds
// the measurements that need other processes: SPIM, start-up, peak memory.
#include "bench/bench.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"
#include "tools/outcome.hpp"
#include "tools/run_support.hpp"

#include <filesystem>
#include <iostream>

namespace trapvm::cli {

int cmd_bench(const Args& args) {
    Usage usage{"bench", "[--runs N] [--quick] [--json FILE]",
                "Runs the benchmark suite: millions of PG32 instructions per second on the bare machine\n"
                "for a tight loop, a memory copy and a recursive program; the monitor's cost as a ratio of\n"
                "wall times; the cost of one monitor exit; assembler throughput, and the assembler and\n"
                "disassembler on pathological programs (in milliseconds); the debugger's goto and\n"
                "reverse-step latency in a run of 100M steps. Each figure is the median of several runs\n"
                "after a warm-up run, with the min and max."};
    usage.options.add_options()                                                       //
        ("runs", po::value<std::string>(), "timed runs per figure (default 5)")       //
        ("quick", "tiny sizes: check that the suite works (figures mean nothing)")    //
        ("json", po::value<std::string>(), "also write the figures to FILE as JSON")  //
        ("guest-os", po::value<std::string>(),
         "the guest OS workload (default: guest-os/boot-crunch.img in the build)");
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    bench::Options options;
    options.quick = parsed.vars.count("quick");
    // trapvm lives in BUILD/tools/, the guest OS images in BUILD/guest-os/.
    std::error_code error;
    std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", error);
    options.guest_os_image = parsed.vars.count("guest-os")
                                 ? parsed.vars["guest-os"].as<std::string>()
                                 : (exe.parent_path().parent_path() / "guest-os" / "boot-crunch.img").string();
    if (parsed.vars.count("runs")) {
        std::optional<uint64_t> runs = parse_count(parsed.vars["runs"].as<std::string>());
        if (!runs || *runs == 0 || *runs > 1000) return usage_error(usage, "--runs: expected a number from 1 to 1000");
        options.runs = static_cast<int>(*runs);
    }
    std::cerr << "trapvm bench: " << options.runs << " runs per figure after a warm-up run\n";
    std::vector<bench::Figure> figures = bench::run_suite(options, std::cerr);
    std::cout << bench::format_table(figures);
    if (parsed.vars.count("json") &&
        !write_json("bench", parsed.vars["json"].as<std::string>(), bench::to_json(figures)))
        return kExitCannotWrite;
    return kExitOk;
}

}  // namespace trapvm::cli
