// Timing, figures and reporting for the benchmark suite (see bench.hpp).
#include "bench/bench.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace trapvm::bench {

std::vector<double> time_runs(int runs, const std::function<void()>& f) {
    f();  // warm-up: caches, page faults, lazy decoding
    std::vector<double> seconds;
    for (int i = 0; i < runs; ++i) {
        auto start = std::chrono::steady_clock::now();
        f();
        seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return seconds;
}

Figure figure(std::string name, std::string unit, std::vector<double> values, std::string note) {
    std::sort(values.begin(), values.end());
    Figure f{std::move(name), std::move(unit), 0, 0, 0, std::move(note)};
    if (values.empty()) return f;
    size_t n = values.size();
    f.median = n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    f.min = values.front();
    f.max = values.back();
    return f;
}

std::string format_table(const std::vector<Figure>& figures) {
    std::string out;
    char line[256];
    std::snprintf(line, sizeof line, "%-44s %12s %23s  %s\n", "benchmark", "median", "min - max", "unit");
    out += line;
    for (const Figure& f : figures) {
        std::snprintf(line, sizeof line, "%-44s %12.2f %10.2f - %10.2f  %s\n", f.name.c_str(), f.median, f.min, f.max,
                      f.unit.c_str());
        out += line;
    }
    return out;
}

nlohmann::ordered_json to_json(const std::vector<Figure>& figures) {
    nlohmann::ordered_json all = nlohmann::ordered_json::array();
    for (const Figure& f : figures)
        all.push_back({{"name", f.name},
                       {"unit", f.unit},
                       {"median", f.median},
                       {"min", f.min},
                       {"max", f.max},
                       {"note", f.note}});
    return all;
}

}  // namespace trapvm::bench
