// Results before and after tests (see results.hpp).
#include "grader/results.hpp"

#include "grader/grade.hpp"

#include <algorithm>
#include <cmath>

namespace trapvm::grader {

const char* name_of(Status s) {
    switch (s) {
    case Status::Passed: return "passed";
    case Status::Failed: return "failed";
    case Status::Skipped: return "skipped";
    case Status::NotRun: return "not-run";
    case Status::ByHand: return "graded-by-hand";
    }
    return "?";
}

namespace {

// The technique of a test's monitored runs: its first case's, the default
// trap-and-emulate for a monitored run without one, "" for bare runs only.
std::string technique_of(const Test& t) {
    if (t.kind == TestKind::Manual || (t.kind == TestKind::Answers && t.grade != "divergence") || t.cases.empty())
        return "";
    const RunSpec& run = t.cases[0].run;
    bool monitored = run.vmm || run.programs.size() > 1 || t.kind == TestKind::Equivalence ||
                     t.kind == TestKind::Efficiency || t.kind == TestKind::ResourceControl ||
                     t.kind == TestKind::Answers;
    return monitored ? run.technique.value_or("trap-and-emulate") : "";
}

}  // namespace

std::vector<double> case_shares(double points, size_t n) {
    std::vector<double> shares(n, 0.0);
    if (n == 0) return shares;
    auto hundredths = static_cast<uint64_t>(std::floor(points * 100 + 1e-6));
    for (size_t i = 0; i < n; ++i) shares[i] = static_cast<double>(hundredths / n + (i < hundredths % n)) / 100;
    shares[n - 1] += std::max(0.0, points - static_cast<double>(hundredths) / 100);
    return shares;
}

Results initial_results(const Spec& spec, const std::string& submission, uint64_t seed) {
    Results r;
    r.lab = spec.lab;
    r.title = spec.title;
    r.submission = submission;
    r.seed = seed;
    r.max_score = spec.points;
    for (size_t i = 0; i < spec.tests.size(); ++i) {
        const Test& t = spec.tests[i];
        TestResult tr{.name = t.name, .number = i + 1, .kind = t.kind, .visibility = t.visibility};
        tr.max_points = t.points, tr.hint = t.hint;
        tr.profile = spec.profile_of(t);
        tr.technique = technique_of(t);
        std::vector<Case> cases = cases_of(t, seed);
        std::vector<double> shares = case_shares(t.points, cases.size());
        for (size_t c = 0; c < cases.size(); ++c)
            tr.cases.push_back(CaseResult{.name = cases[c].name, .max_points = shares[c]});
        settle_unrun(tr, Status::NotRun, "not run: the grader stopped before this test");
        if (t.kind == TestKind::Manual) {
            settle_unrun(tr, Status::ByHand, "graded by hand: not part of the automatic score");
            r.by_hand_points += t.points;
            r.max_score -= t.points;
        }
        if (t.kind == TestKind::Leaderboard) tr.metric = t.metric, tr.order = t.order;
        r.tests.push_back(std::move(tr));
    }
    return r;
}

// Each case's entry: its points (its share when it passed and the test
// scores it: partial, or every case passed) and what a student reads.
void settle_cases(const Test& t, TestResult& r, size_t passed) {
    bool all = passed == r.cases.size() && !r.cases.empty();
    std::string hint = t.hint.empty() ? "" : "\nhint: " + t.hint;
    for (CaseResult& c : r.cases) {
        c.status = c.passed ? Status::Passed : Status::Failed;
        c.points = c.passed && (all || t.partial) ? c.max_points : 0;
        if (!c.passed) c.output = c.feedback + hint;
        else if (all || t.partial) c.output = "passed";
        else
            c.output = "passed, but the test's points need all its " + std::to_string(r.cases.size()) + " cases (" +
                       std::to_string(passed) + " passed)";
        if (!all && t.partial) r.points += c.points;
    }
    if (all) r.points = t.points;  // exactly, whatever the shares add up to in floating point
}

void settle_unrun(TestResult& t, Status status, const std::string& why) {
    t.status = status, t.points = 0, t.output = why;
    for (CaseResult& c : t.cases) c.status = status, c.passed = false, c.points = 0, c.feedback = c.output = why;
}

void add_up(Results& r) {
    r.score = 0;
    for (const TestResult& t : r.tests) r.score += t.points;
}

std::vector<Entry> entries(const Results& r) {
    std::vector<Entry> out;
    for (const TestResult& t : r.tests) {
        std::string number = std::to_string(t.number);
        if (t.cases.size() <= 1 || t.status == Status::ByHand) {  // a manual test: one entry
            out.push_back({&t, t.name, number, 0, t.status, t.points, t.max_points, t.output, t.seconds});
            continue;
        }
        double seconds = t.seconds / static_cast<double>(t.cases.size());
        for (size_t i = 0; i < t.cases.size(); ++i) {
            const CaseResult& c = t.cases[i];
            out.push_back({&t, t.name + " / " + c.name, number + "." + std::to_string(i + 1), i + 1, c.status, c.points,
                           c.max_points, c.output, seconds});
        }
    }
    return out;
}

}  // namespace trapvm::grader
