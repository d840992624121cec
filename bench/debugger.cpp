// The debugger's rows of the benchmark suite (see bench.hpp and README.md):
// how long `goto N` and `reverse-step` take anywhere in a run of 100 million
// steps, at 1 MiB and 256 MiB of memory, and how much its checkpoints hold.
//
// Each configuration runs once to step 100M (timed: the first run, with its
// checkpoints), then jumps to positions drawn at random (a fixed seed) over
// the whole run: each goto is one value, and each reverse-step from a random
// position (reached untimed) another. The figures are the median, minimum
// and maximum of those values; "within X anywhere" is about the maximum.
#include "bench/bench.hpp"
#include "debugger/session.hpp"

#include <chrono>
#include <ostream>
#include <random>
#include <streambuf>

namespace trapvm::bench {

namespace {

// Console output and the debugger's own lines go nowhere.
class Discard : public std::streambuf {
    int overflow(int c) override { return c; }
};

std::unique_ptr<debug::Session> debug_session(const Image& image, uint32_t memory_size, std::ostream& out) {
    debug::SessionSetup setup;
    setup.images = {image};
    setup.taps.push_back(std::make_unique<debug::ConsoleTap>("| ", out));
    Machine m(MachineConfig{memory_size});
    for (const Segment& s : image.segments) m.load(s.address, s.bytes);
    m.reset(image.entry);
    m.devices().console.sink = setup.taps[0].get();
    setup.world = debug::make_bare_world(std::move(m));
    return std::make_unique<debug::Session>(std::move(setup), out);
}

double seconds(const std::function<void()>& f) {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::string size_name(uint32_t bytes) { return bytes >= (1u << 20) ? std::to_string(bytes >> 20) + " MiB" : "?"; }

// The four rows of one workload at one memory size.
void latency(const std::string& workload, const Image& image, uint32_t memory_size, uint64_t steps, int samples,
             std::vector<Figure>& figures) {
    Discard nothing;
    std::ostream out(&nothing);
    auto s = debug_session(image, memory_size, out);
    std::string where = ", " + workload + ", " + size_name(memory_size);
    std::string run = std::to_string(steps) + " steps";
    double first = seconds([&] { s->execute("goto " + std::to_string(steps)); });
    figures.push_back(
        figure("debugger forward run" + where, "s", {first}, run + " from the start, checkpoints included"));
    std::mt19937_64 random(20261201);
    std::uniform_int_distribution<uint64_t> anywhere(1, steps);
    std::vector<double> gotos, reverse_steps;
    for (int i = 0; i < samples; ++i)
        gotos.push_back(1e3 * seconds([&] { s->execute("goto " + std::to_string(anywhere(random))); }));
    for (int i = 0; i < samples; ++i) {
        s->execute("goto " + std::to_string(anywhere(random)));
        reverse_steps.push_back(1e3 * seconds([&] { s->execute("reverse-step"); }));
    }
    std::string note = std::to_string(samples) + " positions at random in a run of " + run;
    figures.push_back(figure("debugger goto" + where, "ms", gotos, note));
    figures.push_back(figure("debugger reverse-step" + where, "ms", reverse_steps, note));
    double mib = static_cast<double>(s->timeline().checkpoints().bytes()) / (1 << 20);
    figures.push_back(figure("debugger checkpoints" + where, "MiB", {mib}, "held at the end (budget 128 MiB)"));
}

}  // namespace

std::vector<Figure> debugger_suite(const Options& o, std::ostream& progress) {
    std::vector<Figure> figures;
    uint64_t steps = o.quick ? 1'000'000 : 100'000'000;
    int samples = o.quick ? 3 : 4 * o.runs;
    for (uint32_t memory_size : {1u << 20, 256u << 20}) {
        Image loop = bench_program("loop", {{"ITERATIONS", static_cast<int64_t>(steps / 8 + 1000)}});
        Image sweep = bench_program("sweep", {{"END", memory_size}});
        size_t first = figures.size();
        latency("loop (a)", loop, memory_size, steps, samples, figures);
        latency("sweep", sweep, memory_size, steps, samples, figures);
        for (size_t i = first; i < figures.size(); ++i)
            progress << "  " << figures[i].name << ": " << figures[i].median << " " << figures[i].unit << "\n"
                     << std::flush;
    }
    return figures;
}

}  // namespace trapvm::bench
