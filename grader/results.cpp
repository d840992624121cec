// Results before and after tests (see results.hpp).
#include "grader/results.hpp"

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
        tr.max_points = t.points;
        tr.output = "not run: the grader stopped before this test";
        tr.profile = spec.profile_of(t);
        tr.technique = technique_of(t);
        if (t.kind == TestKind::Manual) {
            tr.status = Status::ByHand;
            tr.output = "graded by hand: not part of the automatic score";
            r.by_hand_points += t.points;
            r.max_score -= t.points;
        }
        if (t.kind == TestKind::Leaderboard) tr.metric = t.metric, tr.order = t.order;
        r.tests.push_back(std::move(tr));
    }
    return r;
}

void add_up(Results& r) {
    r.score = 0;
    for (const TestResult& t : r.tests) r.score += t.points;
}

}  // namespace trapvm::grader
