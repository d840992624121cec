// Batch grading (see batch.hpp).
#include "grader/batch.hpp"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>

namespace trapvm::grader {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

std::string csv(const std::string& field) {
    if (field.find_first_of(",\"\n") == std::string::npos) return field;
    std::string out = "\"";
    for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string extension(Format f) { return f == Format::JUnit ? ".xml" : f == Format::Text ? ".txt" : ".json"; }

bool write_file(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return static_cast<bool>(out.flush());
}

void write_summaries(const Spec& spec, const std::vector<std::string>& names, const std::vector<Results>& all,
                     uint64_t seed, const fs::path& out) {
    std::string table = "submission,score,max_score,seconds";
    for (const Test& t : spec.tests) table.append(1, ',').append(csv(t.name));
    table += "\n";
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (size_t i = 0; i < all.size(); ++i) {
        const Results& r = all[i];
        char numbers[96];
        std::snprintf(numbers, sizeof numbers, ",%g,%g,%.3f", r.score, r.max_score, r.seconds);
        table += csv(names[i]) + numbers;
        nlohmann::ordered_json tests = nlohmann::ordered_json::object();
        for (const TestResult& t : r.tests) {
            char points[32];
            std::snprintf(points, sizeof points, ",%g", t.points);
            table += points;
            tests[t.name] = t.points;
        }
        table += "\n";
        rows.push_back({{"submission", names[i]},
                        {"score", r.score},
                        {"max_score", r.max_score},
                        {"seconds", r.seconds},
                        {"gradable", r.gradable},
                        {"grader_error", r.grader_error},
                        {"tests", tests}});
    }
    write_file(out / "summary.csv", table);
    nlohmann::ordered_json summary = {{"lab", spec.lab}, {"seed", seed}, {"submissions", rows}};
    write_file(out / "summary.json", summary.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

}  // namespace

bool grade_batch(const Spec& spec, const BatchOptions& options, std::string* error) {
    std::vector<std::string> names;
    std::error_code ec;
    fs::path out = options.output.empty() ? fs::path(options.dir) : fs::path(options.output);
    // The results folder of an earlier batch written into DIR (the default
    // -o) is not a submission.
    fs::path own = out / "results";
    for (const fs::directory_entry& e : fs::directory_iterator(options.dir, ec)) {
        std::error_code same;
        if (e.is_directory() && !e.is_symlink() && !fs::equivalent(e.path(), own, same))
            names.push_back(e.path().filename().string());
    }
    if (ec) return *error = "cannot read the batch folder " + options.dir + ": " + ec.message(), false;
    std::sort(names.begin(), names.end());
    if (names.empty()) return *error = options.dir + " holds no submission folders", false;
    fs::create_directories(out / "results", ec);
    if (ec) return *error = "cannot make " + (out / "results").string() + ": " + ec.message(), false;
    GradeOptions grade = options.grade;
    grade.seed = seed_of(spec, options.grade);
    std::vector<Results> all(names.size());
    std::atomic<size_t> next{0}, finished{0};
    std::mutex progress;
    bool terminal = ::isatty(2);
    Clock::time_point start = Clock::now();
    auto worker = [&] {
        for (size_t i; (i = next++) < names.size();) {
            all[i] = trapvm::grader::grade(spec, (fs::path(options.dir) / names[i]).string(), grade);
            write_file(out / "results" / (names[i] + extension(options.format)),
                       format_results(all[i], options.format));
            size_t done = ++finished;
            if (!terminal) continue;
            std::lock_guard<std::mutex> lock(progress);
            double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            std::fprintf(stderr, "\rgraded %zu/%zu submissions, %.1f s, %.3f s each   ", done, names.size(), elapsed,
                         elapsed / static_cast<double>(done));
        }
    };
    std::vector<std::thread> threads;
    for (int j = 0; j < std::max(1, options.jobs); ++j) threads.emplace_back(worker);
    for (std::thread& t : threads) t.join();
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count(), total = 0;
    for (const Results& r : all) total += r.score;
    std::fprintf(stderr, "%s%zu submissions graded in %.2f s (%.3f s each, %d at once); mean score %.2f / %g\n",
                 terminal ? "\n" : "", names.size(), elapsed, elapsed / static_cast<double>(names.size()), options.jobs,
                 total / static_cast<double>(names.size()), spec.points);
    write_summaries(spec, names, all, *grade.seed, out);
    return true;
}

}  // namespace trapvm::grader
