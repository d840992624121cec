// Grading one submission (see grade.hpp).
#include "grader/grade.hpp"

#include "grader/answers.hpp"
#include "grader/build.hpp"
#include "grader/expect.hpp"
#include "grader/jobs.hpp"
#include "grader/work.hpp"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <tuple>

namespace trapvm::grader {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

uint64_t splitmix(uint64_t& state) {
    uint64_t z = (state += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t name_hash(const std::string& name) {
    uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a
    for (unsigned char c : name) h = (h ^ c) * 0x100000001b3ull;
    return h;
}

class Grader {
public:
    Grader(const Spec& spec, const std::string& submission, const GradeOptions& options, const Progress& progress)
        : spec_(spec), submission_(submission), options_(options), progress_(progress) {}

    Results run();

private:
    bool set_up();
    bool reachable();
    bool build();
    void run_test(size_t i);
    void run_answers(const Test& t, TestResult& r);
    void by_hand(const Test& t, TestResult& r);
    std::string submitted(const std::string& name, std::string* error) const;
    const properties::ClassifyReport& measured(const pg32::ProfileInfo& p);
    std::vector<json> run_job(const Test& t, const std::vector<Case>& cases, bool solution, std::string* trouble);
    std::vector<json> solution_facts(const Test& t, const std::vector<Case>& cases);
    void judge(const Test& t, const std::vector<Case>& cases, const std::vector<json>& facts,
               const std::vector<json>& solution, const std::string& trouble, TestResult& r);
    void fail_all(const std::string& why);
    void report() {
        add_up(results_);
        if (progress_) progress_(results_);
    }

    const Spec& spec_;
    std::string submission_;
    const GradeOptions& options_;
    const Progress& progress_;
    Results results_;
    WorkFolder work_, solution_work_;
    bool solution_ready_ = false;
    std::optional<std::pair<uint32_t, uint32_t>> child_user_;
    std::string runner_;
    bool all_sandboxed_ = true;
    bool prepared_ = false, solution_prepared_ = false;           // prepare: done in the work folder
    std::map<std::string, properties::ClassifyReport> measured_;  // answers tests: by profile, once
};

bool Grader::set_up() {
    if (::geteuid() == 0) {
        child_user_ = user_ids(options_.user);
        if (!child_user_)
            return results_.grader_error = "no user '" + options_.user + "' to run the tests as (--user)", false;
    }
    std::string error;
    if (!work_.create(spec_, options_.scratch, spec_.lab, &error)) return results_.grader_error = error, false;
    if (options_.keep_work) work_.keep();
    std::vector<std::string> problems = work_.place_submission(spec_, submission_);
    if (child_user_) work_.give_to(child_user_->first, child_user_->second);
    if (child_user_ && !reachable()) return false;
    if (!problems.empty()) {
        results_.problems = problems;
        results_.gradable = false;
        std::string why = "not graded: ";
        for (const std::string& p : problems) why += p + "; ";
        fail_all(why.substr(0, why.size() - 2));
        return false;
    }
    runner_ = options_.trapvm;
    return !spec_.build || build();
}

// As root the tests run as --user, who must reach what they run and read:
// in a private folder (0700) each would fail with "exec: Permission
// denied". Said once, before any test, naming the folder.
bool Grader::reachable() {
    std::vector<std::tuple<std::string, int, std::string>> needs = {{work_.dir(), X_OK, "the work folder (--scratch)"}};
    if (!spec_.build) needs.emplace_back(options_.trapvm, X_OK, "trapvm, which runs the tests");
    else {  // the runner is built in the work folder, from these
        needs.emplace_back(options_.prefix, R_OK | X_OK, "the installed toolkit the build uses (--prefix)");
        needs.emplace_back((fs::path(spec_.dir) / "build").string(), R_OK | X_OK, "the lab's build folder");
    }
    for (const auto& [path, mode, what] : needs) {
        std::error_code ec;
        if (path.empty() || !fs::exists(path, ec)) continue;  // what is not there is said where it is needed
        std::string where = unreachable(path, mode, child_user_->first, child_user_->second);
        if (where.empty()) continue;
        bool folder = where != fs::absolute(path).lexically_normal().string();
        std::string open = "chmod o+" + std::string(folder || !(mode & R_OK) ? "x " : "rx ") + where;
        results_.grader_error = "the tests run as user '" + options_.user +
                                "' (the grader is root), who cannot reach " + path + " (" + what +
                                "): " + (folder ? "the folder " : "") + where +
                                " is closed to it. Grade with --user USER for a user who can reach it, open it (" +
                                open + "), or install trapvm and the toolkit where every user can reach them";
        return false;
    }
    return true;
}

void Grader::fail_all(const std::string& why) {
    for (TestResult& r : results_.tests)
        if (r.status == Status::NotRun) settle_unrun(r, Status::Failed, why);
}

std::vector<json> Grader::run_job(const Test& t, const std::vector<Case>& cases, bool solution, std::string* trouble) {
    const std::string& work = solution ? solution_work_.dir() : work_.dir();
    bool& prepared = solution ? solution_prepared_ : prepared_;  // once per work folder
    Job job = make_job(spec_, t, cases, work, !prepared);
    if (!job.error.empty())
        return *trouble = job.error + " (a lab bug: tell your instructor)", std::vector<json>(cases.size());
    ChildSpec child;
    child.argv = {solution ? options_.trapvm : runner_, "grade-job"};
    child.cwd = work;
    child.env = {"PATH=/usr/bin:/bin", "HOME=" + work, "TMPDIR=" + work + "/tmp", "LANG=C.UTF-8"};
    child.stdin_data = job.body.dump();
    child.pass_fds = job.fds;
    child.limits = job_limits(spec_, cases);
    child.readable = system_readable();
    child.readable.push_back(child.argv[0]);
    child.writable = {work};
    if (child_user_ && !solution) child.uid = child_user_->first, child.gid = child_user_->second;
    ChildResult result = run_child(child);
    if (!solution) all_sandboxed_ = all_sandboxed_ && result.sandboxed;
    prepared = prepared || (result.started && !result.timed_out && !result.too_much_output && result.exit_status == 0);
    return read_facts(result, cases.size(), work, trouble);
}

std::vector<json> Grader::solution_facts(const Test& t, const std::vector<Case>& cases) {
    bool needed = false;
    for (const Case& c : cases) needed = needed || c.expect.same_as_solution;
    if (!needed) return std::vector<json>(cases.size());
    std::string error;
    if (!solution_ready_) {
        solution_ready_ = solution_work_.create(spec_, options_.scratch, spec_.lab + "-solution", &error) &&
                          solution_work_.place_solution(spec_, &error);
        if (!solution_ready_) return std::vector<json>(cases.size(), json{{"error", error}});
    }
    std::string trouble;
    std::vector<json> facts = run_job(t, cases, true, &trouble);
    for (json& f : facts)
        if (f.is_null()) f = {{"error", "the solution's runner: " + trouble}};
    return facts;
}

// A cpp lab's runner, built from the submission by the lab's build command
// (a child with limits, as the tests are): a failure fails every test
// with the compiler's first errors.
bool Grader::build() {
    const Build& b = *spec_.build;
    ChildSpec child;
    child.argv = b.command;
    if (!child.argv.empty() && child.argv[0].find('/') == std::string::npos)
        for (const char* dir : {"/usr/local/bin/", "/usr/bin/", "/bin/"})
            if (::access((dir + child.argv[0]).c_str(), X_OK) == 0) {
                child.argv[0] = dir + child.argv[0];
                break;
            }
    child.cwd = work_.dir();
    child.env = {"PATH=/usr/local/bin:/usr/bin:/bin",
                 "HOME=" + work_.dir(),
                 "TMPDIR=" + work_.dir() + "/tmp",
                 "LANG=C.UTF-8",
                 "LAB_DIR=" + spec_.dir,
                 "TRAPVM=" + options_.trapvm,
                 "TRAPVM_PREFIX=" + options_.prefix,
                 lab_files_env(spec_)};
    for (const std::string& e : b.env) child.env.push_back(e);
    child.limits = {
        .timeout = b.timeout, .address_space = uint64_t{8} << 30, .file_size = uint64_t{1} << 30, .processes = 512};
    child.readable = system_readable();
    for (const std::string& p :
         {std::string("/etc"), fs::path(spec_.dir).append("build").string(), options_.prefix, options_.trapvm})
        if (!p.empty()) child.readable.push_back(p);
    child.writable = {work_.dir()};
    child.max_stdout = size_t{1} << 20;
    child.max_stderr = size_t{1} << 20;
    if (child_user_) child.uid = child_user_->first, child.gid = child_user_->second;
    ChildResult r = run_child(child);
    runner_ = (fs::path(work_.dir()) / b.runner).string();
    std::string why;
    if (!r.started) why = "the build could not start: " + r.error;
    else if (r.timed_out) why = "the build timed out after " + std::to_string(static_cast<int>(b.timeout)) + " s";
    else if (r.exit_status != 0) why = "the build failed:\n" + build_errors(r.out, r.err, options_.prefix, work_.dir());
    else if (::access(runner_.c_str(), X_OK) != 0) why = "the build made no runner " + b.runner;
    if (why.empty()) return true;
    results_.problems.push_back(why);
    fail_all(why);
    return false;
}

void Grader::judge(const Test& t, const std::vector<Case>& cases, const std::vector<json>& facts,
                   const std::vector<json>& solution, const std::string& trouble, TestResult& r) {
    size_t passed = 0;
    std::string feedback;
    double value = 0;
    std::vector<double> shares = case_shares(t.points, cases.size());
    r.cases.assign(cases.size(), CaseResult{});
    for (size_t i = 0; i < cases.size(); ++i) {
        CaseResult& c = r.cases[i];
        c.name = cases[i].name, c.max_points = shares[i];
        std::vector<std::string> failures;
        if (facts[i].is_null())
            failures.push_back(trouble.empty() ? "the runner gave no result for this case" : trouble);
        else failures = judge_case(t, cases[i], facts[i], solution[i].is_null() ? nullptr : &solution[i]);
        c.passed = failures.empty();
        for (const std::string& f : failures) c.feedback += (c.feedback.empty() ? "" : "\n") + f;
        if (c.passed) ++passed;
        else feedback += (cases.size() > 1 ? c.name + ": " : "") + c.feedback + "\n";
        if (!facts[i].is_null()) value += facts[i].value("metrics", json::object()).value(t.metric, 0.0);
    }
    bool none_ran = std::all_of(facts.begin(), facts.end(), [](const json& f) { return f.is_null(); });
    if (none_ran && !trouble.empty()) feedback = trouble + "\n";  // once, not once per case
    bool all = passed == cases.size() && !cases.empty();
    r.status = all ? Status::Passed : Status::Failed;
    r.points = 0;
    settle_cases(t, r, passed);
    if (t.kind == TestKind::Leaderboard && all) r.value = value;
    std::string count =
        cases.size() > 1 ? std::to_string(passed) + " of " + std::to_string(cases.size()) + " cases passed" : "";
    if (all) r.output = "passed" + (count.empty() ? "" : " (" + count + ")");
    else r.output = (count.empty() ? "" : count + "\n") + feedback + (t.hint.empty() ? "" : "hint: " + t.hint + "\n");
    if (r.value) r.output += "\n" + t.metric + ": " + std::to_string(static_cast<uint64_t>(*r.value));
}

// A submission file's bytes, from the work folder (placed, so bounded).
std::string Grader::submitted(const std::string& name, std::string* error) const {
    for (const LabFile& f : spec_.files)
        if (f.name == name) {
            std::ifstream in(fs::path(work_.dir()) / place_of(spec_, f), std::ios::binary);
            std::stringstream text;
            text << in.rdbuf();
            if (!in && !in.eof()) *error = name + ": cannot be read";
            return text.str();
        }
    *error = name + ": not one of the lab's files";
    return "";
}

// The classes of a profile's instructions as trapvm check measures them by
// default (seed 1, 1000 states), from the checker's library.
const properties::ClassifyReport& Grader::measured(const pg32::ProfileInfo& p) {
    auto it = measured_.find(p.name);
    if (it == measured_.end()) it = measured_.emplace(p.name, properties::classify({&p, 1, 1000})).first;
    return it->second;
}

void Grader::run_answers(const Test& t, TestResult& r) {
    const pg32::ProfileInfo& p = *pg32::profile_by_name(spec_.profile_of(t));  // checked when loaded
    std::string error, text = submitted(t.answers, &error);
    Answers a = parse_answers(text, t.answers);
    if (!error.empty()) a.errors.insert(a.errors.begin(), error);
    bool reveal = t.visibility != Visibility::Visible;
    std::vector<CaseResult> cases;
    if (a.errors.empty() && t.grade == "divergence") {
        std::string trouble;
        std::vector<json> facts = run_job(t, cases_of(t, results_.seed), false, &trouble);
        const json& f = facts[0];
        if (f.is_null() || f.contains("error"))
            a.errors.push_back("the run: " + (f.is_null() ? trouble : f.value("error", "")));
        else
            cases = judge_divergence(a, p, f.value("equivalence", json::object()).value("first_divergence", json()),
                                     t.answers, reveal);
    } else if (a.errors.empty()) {
        const properties::ClassifyReport& m = measured(p);
        cases = t.grade == "classes" ? judge_classes(a, p, m, t.answers, reveal)
                                     : judge_theorems(a, p, m, t.answers, reveal);
    }
    score_answers(t, std::move(cases), a.errors, r);
}

// A manual test: nothing to run; its output says what the grader received.
void Grader::by_hand(const Test& t, TestResult& r) {
    if (t.file.empty()) return void(r.output = "graded by hand by your instructor");
    std::string error, text = submitted(t.file, &error);
    bool blank = text.find_first_not_of(" \t\r\n") == std::string::npos;
    r.output = "your instructor grades " + t.file + " by hand (received: " + std::to_string(text.size()) + " bytes" +
               (blank ? ", nothing written yet" : "") + ")";
}

void Grader::run_test(size_t i) {
    const Test& t = spec_.tests[i];
    TestResult& r = results_.tests[i];
    Clock::time_point start = Clock::now();
    if (t.kind == TestKind::Manual) return by_hand(t, r);
    for (const std::string& d : t.depends) {
        const Test* dep = spec_.find(d);
        size_t j = static_cast<size_t>(dep - spec_.tests.data());
        if (results_.tests[j].status == Status::Passed) continue;
        settle_unrun(r, Status::Skipped, "skipped: it needs '" + d + "' to pass first");
        return;
    }
    if (t.kind == TestKind::Answers) {
        run_answers(t, r);
        r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
        return;
    }
    std::vector<Case> cases = cases_of(t, results_.seed);
    std::string trouble;
    std::vector<json> facts = run_job(t, cases, false, &trouble);
    std::vector<json> solution = solution_facts(t, cases);
    judge(t, cases, facts, solution, trouble, r);
    r.seconds = std::chrono::duration<double>(Clock::now() - start).count();
}

Results Grader::run() {
    Clock::time_point start = Clock::now();
    results_ = initial_results(spec_, submission_, seed_of(spec_, options_));
    report();
    try {
        if (set_up())
            for (size_t i = 0; i < spec_.tests.size(); ++i) {
                run_test(i);
                report();
            }
    } catch (const std::exception& e) {
        results_.grader_error = std::string("the grader failed: ") + e.what();
    }
    if (!results_.grader_error.empty()) fail_all("not run: " + results_.grader_error);
    results_.done = true;
    results_.sandboxed = all_sandboxed_;
    results_.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    report();
    return results_;
}

}  // namespace

Results grade(const Spec& spec, const std::string& submission, const GradeOptions& options,
              const Progress& on_progress) {
    Grader g(spec, submission, options, on_progress);
    return g.run();
}

uint64_t seed_of(const Spec& spec, const GradeOptions& options) {
    if (options.seed) return *options.seed;
    if (spec.seed) return *spec.seed;
    std::random_device device;
    return (uint64_t{device()} << 32 | device()) % 1'000'000'000'000ull;  // short enough to type back in
}

std::vector<Case> cases_of(const Test& test, uint64_t seed) {
    std::vector<Case> out = test.cases;
    uint64_t state = seed ^ name_hash(test.name);
    for (const Test::Random& r : test.random)
        for (size_t i = 0; i < r.count; ++i) {
            Case c = r.shape;
            std::string drawn;
            for (const Draw& d : r.draws) {
                uint64_t span = static_cast<uint64_t>(d.high - d.low) + 1;
                int64_t v = d.low + static_cast<int64_t>(span ? splitmix(state) % span : splitmix(state));
                std::erase_if(c.run.defines, [&](const auto& old) { return old.first == d.name; });
                c.run.defines.emplace_back(d.name, v);
                drawn += (drawn.empty() ? "" : ", ") + d.name + "=" + std::to_string(v);
            }
            c.name = "random case " + std::to_string(i + 1) + " (" + drawn + ")";
            out.push_back(std::move(c));
        }
    return out;
}

}  // namespace trapvm::grader
