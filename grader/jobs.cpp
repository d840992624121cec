// Jobs and facts (see jobs.hpp).
#include "grader/jobs.hpp"

#include "grader/expect.hpp"
#include "grader/job.hpp"
#include "grader/work.hpp"
#include "isa-spec/isa.hpp"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace trapvm::grader {

namespace fs = std::filesystem;

namespace {

// The built-in limits (labs/README.md, "Limits").
constexpr uint64_t kDefaultSteps = 10'000'000;
constexpr uint64_t kDefaultOutput = uint64_t{1} << 20;
constexpr double kDefaultTimeout = 10;

Limits effective(const Spec& spec, const Case& c) {
    Limits l = c.run.limits;
    l.fill_from(spec.defaults);
    if (!l.max_steps) l.max_steps = kDefaultSteps;
    if (!l.max_output) l.max_output = kDefaultOutput;
    if (!l.mem_size) l.mem_size = static_cast<uint32_t>(pg32::kMemorySizeDefault);
    if (!l.quantum) l.quantum = static_cast<uint32_t>(pg32::kQuantumDefault);
    if (!l.timeout) l.timeout = kDefaultTimeout;
    return l;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

Job::Job(Job&& other) noexcept : body(std::move(other.body)), fds(std::move(other.fds)), error(std::move(other.error)) {
    other.fds.clear();
}

Job::~Job() {
    for (int fd : fds) ::close(fd);
}

ChildLimits job_limits(const Spec& spec, const std::vector<Case>& cases) {
    ChildLimits limits;
    limits.timeout = 1;  // starting up
    for (const Case& c : cases) limits.timeout += *effective(spec, c).timeout;
    return limits;
}

Job make_job(const Spec& spec, const Test& test, const std::vector<Case>& cases, const std::string& work,
             bool prepare) {
    Job job;
    json& b = job.body;
    b["kind"] = test.kind == TestKind::Answers ? "equivalence" : name_of(test.kind);  // answers: a divergence
    b["profile"] = spec.profile_of(test);
    b["include"] = json::array({work});
    for (const std::string& d : spec.include_dirs) b["include"].push_back((fs::path(work) / d).string());
    b["prepare"] = json::array();
    for (const Prepare& p : prepare ? spec.prepare : std::vector<Prepare>{})
        b["prepare"].push_back({{"program", (fs::path(work) / p.program).string()},
                                {"output", (fs::path(work) / p.output).string()},
                                {"raw", p.raw}});
    b["properties"] = test.properties;
    std::map<std::string, int> opened;  // a lab file: its descriptor number in the child
    auto program = [&](const std::string& path) -> json {
        Origin o = origin_of(spec, path);
        if (o == Origin::Submission)
            for (const LabFile& f : spec.files)
                if (f.name == path) return {{"path", (fs::path(work) / place_of(spec, f)).string()}};
        if (o == Origin::Tree) return {{"path", (fs::path(work) / path).string()}};
        if (!opened.count(path)) {
            int fd = ::open((fs::path(spec.dir) / path).c_str(), O_RDONLY | O_CLOEXEC);
            if (fd < 0) job.error = "cannot open the lab's " + path + ": " + std::strerror(errno);
            else job.fds.push_back(fd), opened[path] = 3 + static_cast<int>(job.fds.size() - 1);
        }
        return {{"fd", opened.count(path) ? opened[path] : -1}, {"name", path}};
    };
    b["cases"] = json::array();
    for (const Case& c : cases) {
        Limits l = effective(spec, c);
        json entry = {{"vmm", c.run.vmm || c.run.programs.size() > 1 || test.kind == TestKind::ResourceControl},
                      {"max_steps", *l.max_steps},
                      {"max_output", *l.max_output},
                      {"mem_size", *l.mem_size},
                      {"quantum", *l.quantum}};
        if (c.run.technique) entry["technique"] = *c.run.technique;
        entry["programs"] = json::array();
        for (const std::string& p : c.run.programs) entry["programs"].push_back(program(p));
        std::string input = c.run.input.value_or("");
        if (c.run.input_file) input = read_all((fs::path(spec.dir) / *c.run.input_file).string());
        entry["input"] = bytes_to_text(input);
        entry["defines"] = json::object();
        for (const auto& [name, value] : c.run.defines) entry["defines"][name] = value;
        entry["memory"] = memory_requests(c.expect);
        b["cases"].push_back(std::move(entry));
    }
    return job;
}

std::vector<json> read_facts(const ChildResult& child, size_t cases, const std::string& work, std::string* trouble) {
    std::vector<json> facts(cases);
    // Paths in messages relative to the work folder: mini.s:12, as the student knows it.
    std::string out = child.out, prefix = work + "/";
    // The folder itself ("looked in WORK/ (the including file's folder)") is "./".
    for (size_t at = 0; (at = out.find(prefix, at)) != std::string::npos;) {
        bool folder = at + prefix.size() == out.size() || out[at + prefix.size()] == ' ';
        out.replace(at, prefix.size(), folder ? "./" : "");
        at += folder ? 2 : 0;
    }
    std::istringstream lines(out);
    for (std::string line; std::getline(lines, line);) {
        json f = json::parse(line, nullptr, false);
        if (f.is_discarded() || !f.is_object() || !f.contains("case")) continue;
        size_t index = f.value("case", cases);
        if (index < cases && facts[index].is_null()) facts[index] = std::move(f);
    }
    std::string tail = child.err.empty() ? "" : "; it said:\n" + cut(shown(child.err), 2000);
    if (!child.started) *trouble = "the runner could not start: " + child.error;
    else if (child.timed_out && child.cpu_limit) *trouble = "stopped: the runner used up its CPU time limit";
    else if (child.timed_out)
        *trouble =
            "timed out: stopped after " + std::to_string(static_cast<int>(child.seconds)) + " s of wall-clock time";
    else if (child.too_much_output) *trouble = "stopped: the runner wrote more than its output limit";
    else if (child.signal) *trouble = std::string("the runner crashed (") + strsignal(child.signal) + ")" + tail;
    else if (child.exit_status != 0)
        *trouble = "the runner failed (exit status " + std::to_string(child.exit_status) + ")" + tail;
    else trouble->clear();
    return facts;
}

}  // namespace trapvm::grader
