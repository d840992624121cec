// trapvm-difftest: bare versus monitor on many generated programs.
//
//   trapvm-difftest [--vmm=KIND] FIRST COUNT   check seeds FIRST .. FIRST+COUNT-1
//                                              (KIND: the monitor's technique)
//   trapvm-difftest --show SEED                print seed SEED's program as assembly
//
// Prints each failure with its shrunk program, then "N passed, M failed".
// Exit status: 0 all equivalent, 1 a failure, 2 bad arguments.
#include "hardening/differential.hpp"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <string_view>

using namespace trapvm::hardening;

namespace {

bool number(std::string_view text, uint64_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

int usage() {
    std::cerr << "usage: trapvm-difftest [--vmm=KIND] FIRST COUNT  |  trapvm-difftest --show SEED\n"
              << "(KIND: " << trapvm::vmm::technique_names() << ")\n";
    return 2;
}

// How the programs end and how long they run: is the generator useful?
int stats(uint64_t first, uint64_t count) {
    std::map<std::string, uint64_t> ends;
    uint64_t steps = 0;
    for (uint64_t seed = first; seed < first + count; ++seed) {
        SeededEntropy entropy(seed);
        Verdict v = check_program(generate(entropy));
        steps += v.steps;
        std::string end = v.stop.reason == trapvm::StopReason::Running ? "step cap"
                          : v.stop.reason == trapvm::StopReason::PowerOff
                              ? "power-off " + std::to_string(v.stop.status)
                              : "other " + std::to_string(static_cast<int>(v.stop.reason));
        ++ends[end];
    }
    for (auto& [end, n] : ends) std::cout << n << " " << end << "\n";
    std::cout << "mean steps " << steps / count << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    uint64_t a = 0, b = 0;
    trapvm::vmm::Technique technique = trapvm::vmm::Technique::TrapAndEmulate;
    if (argc > 1 && std::string_view(argv[1]).starts_with("--vmm=")) {
        const trapvm::vmm::TechniqueInfo* t = trapvm::vmm::technique_by_name(std::string_view(argv[1]).substr(6));
        if (!t) return usage();
        technique = t->technique;
        --argc, ++argv;
    }
    if (argc == 3 && std::strcmp(argv[1], "--show") == 0 && number(argv[2], a)) {
        SeededEntropy entropy(a);
        std::cout << render(generate(entropy));
        return 0;
    }
    if (argc != 3 || !number(argv[1], a) || !number(argv[2], b)) return usage();
    auto start = std::chrono::steady_clock::now();
    uint64_t failed = 0;
    if (std::getenv("TRAPVM_DIFF_STATS")) return stats(a, b);
    for (uint64_t seed = a; seed < a + b; ++seed) {
        if (std::optional<Failure> f = check_seed(seed, {}, technique)) {
            ++failed;
            std::cout << describe(*f) << std::flush;
        }
        if ((seed - a + 1) % 10000 == 0) std::cerr << "checked " << seed - a + 1 << " programs\n";
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cerr << "seeds " << a << ".." << a + b - 1 << " in " << seconds << " s\n";
    std::cout << b - failed << " passed, " << failed << " failed\n";
    return failed ? 1 : 0;
}
