// trapvm grade-job: the grader's runner. Reads a job (JSON, on stdin) naming a
// test's cases, runs each as the test's kind says and prints its facts, one
// JSON line per case, as soon as the case ends (grader/job.hpp has the
// protocol). `trapvm grade` runs it as a child process with limits; a cpp
// lab's runner, a trapvm built with the student's monitor, answers the same.
//
// Exit status: 0 after the last case (whatever the cases did), 65 a job
// that is not one, 66 a program that cannot be read.
#include "grader/job.hpp"
#include "tools/cli.hpp"
#include "tools/commands.hpp"
#include "tools/grade_job_runs.hpp"
#include "tools/outcome.hpp"
#include "tools/program.hpp"

#include <unistd.h>

#include <cerrno>

#include <filesystem>
#include <fstream>
#include <iostream>

namespace trapvm::cli {

namespace {

// All of an inherited descriptor, from offset 0 (several cases read it;
// stdin, a pipe, is read as it comes: reopening /dev/stdin is not allowed
// to a runner whose user does not own the pipe).
std::optional<std::string> read_fd(int fd, std::string* error) {
    std::string text;
    char buffer[65536];
    bool seekable = ::lseek(fd, 0, SEEK_CUR) >= 0;
    for (off_t offset = 0;;) {
        ssize_t n = seekable ? ::pread(fd, buffer, sizeof buffer, offset) : ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return *error = "cannot read descriptor " + std::to_string(fd), std::nullopt;
        if (n == 0) return text;
        text.append(buffer, static_cast<size_t>(n));
        offset += n;
        if (text.size() > kMaxInputBytes) return *error = "a program larger than 64 MiB", std::nullopt;
    }
}

// A program of the job: a path (an image, or a .s to assemble), or an
// inherited descriptor holding source; nothing, with *error, on failure.
std::optional<Image> load(const json& program, const AssembleOptions& options, std::string* error) {
    AssembleResult result;
    if (program.contains("fd")) {
        std::optional<std::string> text = read_fd(program["fd"].get<int>(), error);
        if (!text) return std::nullopt;
        result = assemble_source(*text, program.value("name", "program"), options);
    } else {
        std::string path = program.value("path", "");
        std::optional<std::string> bytes = read_file(path, error);
        if (!bytes) return std::nullopt;
        std::span<const uint8_t> raw(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size());
        if (looks_like_image(raw)) {
            std::optional<Image> image = read_image(raw, error);
            if (image) return image;
            *error = path + ": " + *error;
            return std::nullopt;
        }
        result = assemble_source(*bytes, path, options);
    }
    if (!result.ok()) return *error = format_diagnostics(result), std::nullopt;
    if (result.image->segments.empty()) return *error = "the program has no instructions: nothing to run", std::nullopt;
    return std::move(result.image);
}

AssembleOptions options_of(const json& job, const json& c) {
    AssembleOptions options;
    for (const json& dir : job.value("include", json::array())) options.include_dirs.push_back(dir.get<std::string>());
    json defines = c.value("defines", json::object());
    for (const auto& [name, value] : defines.items()) options.defines.emplace_back(name, value.get<int64_t>());
    return options;
}

// prepare: assemble tree files to flat binaries (for .incbin); false with *error.
bool prepare(const json& job, std::string* error) {
    for (const json& step : job.value("prepare", json::array())) {
        AssembleResult r = assemble_file(step.value("program", ""), options_of(job, json::object()));
        if (!r.ok()) return *error = format_diagnostics(r), false;
        std::vector<uint8_t> bytes;
        if (step.value("raw", true)) {
            uint64_t end = 0;
            for (const Segment& s : r.image->segments)
                end = std::max<uint64_t>(end, s.address + uint64_t{s.bytes.size()});
            if (end > kMaxInputBytes) return *error = step.value("program", "") + ": larger than 64 MiB raw", false;
            bytes.assign(end, 0);
            for (const Segment& s : r.image->segments)
                std::copy(s.bytes.begin(), s.bytes.end(), bytes.begin() + s.address);
        } else bytes = write_image(*r.image);
        std::ofstream out(step.value("output", ""), std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
        if (!out.flush()) return *error = "cannot write " + step.value("output", ""), false;
    }
    return true;
}

json run_case(const json& job, const json& c, size_t index, const std::vector<std::string>& properties) {
    json facts = {{"case", index}};
    CheckCase cc{.spec = c};
    cc.input = grader::text_to_bytes(c.value("input", ""));
    cc.max_steps = c.value("max_steps", uint64_t{10'000'000});
    cc.max_output = c.value("max_output", uint64_t{1} << 20);
    cc.mem_size = c.value("mem_size", static_cast<uint32_t>(pg32::kMemorySizeDefault));
    cc.quantum = c.value("quantum", static_cast<uint32_t>(pg32::kQuantumDefault));
    std::string technique = c.value("technique", "trap-and-emulate");
    const vmm::TechniqueInfo* t = vmm::technique_by_name(technique);
    if (!t) return facts["error"] = "this runner has no monitor technique '" + technique + "'", facts;
    cc.technique = t->technique;
    AssembleOptions options = options_of(job, c);
    for (const json& program : c.value("programs", json::array())) {
        std::string error;
        std::optional<Image> image = load(program, options, &error);
        if (!image) return facts["error"] = error, facts;
        cc.images.push_back(std::move(*image));
    }
    if (cc.images.empty()) return facts["error"] = "the case names no program", facts;
    std::string kind = job.value("kind", "run");
    if (kind == "trace") check_trace(cc, properties, facts);
    else if (kind == "equivalence") check_equivalence(cc, facts);
    else if (kind == "resource-control") check_resource_control(cc, facts);
    else if (kind == "efficiency") check_efficiency(cc, facts);
    else check_run(cc, facts);
    return facts;
}

int run_job(const json& job) {
    std::string error, profile = job.value("profile", "pg32");
    if (const pg32::ProfileInfo* p = pg32::profile_by_name(profile)) pg32::select_profile(*p);
    else {
        std::cout << json({{"case", 0}, {"error", "this runner has no ISA profile '" + profile + "'"}}).dump() << "\n";
        return kExitOk;
    }
    std::vector<std::string> properties;
    for (const json& p : job.value("properties", json::array())) properties.push_back(p.get<std::string>());
    if (!prepare(job, &error)) {
        json facts = {{"case", 0}, {"error", "preparing the tree failed:\n" + error}};
        std::cout << facts.dump(-1, ' ', false, json::error_handler_t::replace) << "\n";
        return kExitOk;
    }
    json cases = job.value("cases", json::array());
    for (size_t i = 0; i < cases.size(); ++i)
        std::cout << run_case(job, cases[i], i, properties).dump(-1, ' ', false, json::error_handler_t::replace)
                  << std::endl;  // each case's facts as soon as it ends: a later timeout keeps them
    return kExitOk;
}

}  // namespace

int cmd_grade_job(const Args& args) {
    Usage usage{"grade-job", "[--job FILE]",
                "The grader's runner: reads a job (JSON; stdin unless --job) naming the cases of one test, runs\n"
                "each and prints its facts, one JSON line per case (grader/job.hpp). 'trapvm grade' runs it;\n"
                "it is documented for the C++ labs' runners, which answer the same protocol.\n\n"
                "Exit status: 0 after the last case, 65 a job that is not valid JSON, 66 an unreadable job file."};
    usage.options.add_options()("job", po::value<std::string>(), "read the job from FILE");
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    std::string path = parsed.vars.count("job") ? parsed.vars["job"].as<std::string>() : "stdin", error;
    std::optional<std::string> text = path == "stdin" ? read_fd(0, &error) : read_file(path, &error);
    if (!text) return fail("grade-job", error, kExitNoInput);
    json job = json::parse(*text, nullptr, false);
    if (job.is_discarded() || !job.is_object())
        return fail("grade-job", path + ": the job is not a JSON object", kExitBadInput);
    try {
        return run_job(job);
    } catch (const json::exception& e) {
        return fail("grade-job", std::string("the job has a value of the wrong type: ") + e.what(), kExitBadInput);
    }
}

}  // namespace trapvm::cli
