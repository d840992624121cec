// What grading one submission found: per test, its cases, each with its
// share of the test's points; the total, the seed. formats.cpp writes it as
// JSON, Gradescope's or PrairieLearn's results.json, JUnit XML or text, one
// entry per case (entries()).
#pragma once

#include "grader/spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

// ByHand: a manual test, which the grader never scores (graded by hand).
enum class Status { Passed, Failed, Skipped, NotRun, ByHand };
const char* name_of(Status s);  // passed, failed, skipped, not-run, graded-by-hand

struct CaseResult {
    std::string name;
    bool passed = false;
    std::string feedback;  // what went wrong ("" when it passed)
    Status status = Status::NotRun;
    double points = 0, max_points = 0;  // its share of the test's (case_shares)
    std::string output;                 // what its entry says: "passed", or the feedback and the hint
};

struct TestResult {
    std::string name;
    size_t number = 0;  // 1-based, in lab.yaml's order
    TestKind kind = TestKind::Run;
    Visibility visibility = Visibility::Visible;
    Status status = Status::NotRun;
    double points = 0, max_points = 0;
    std::string output;  // the feedback a student reads: expected vs actual, where, the hint
    std::string hint;    // lab.yaml's, for a format that shows it once under the cases
    std::vector<CaseResult> cases;
    double seconds = 0;
    // leaderboard tests: the value, its metric name and order.
    std::optional<double> value;
    std::string metric, order;
    std::string profile;    // the ISA profile of its runs
    std::string technique;  // the monitor's technique of its monitored runs ("": none, or no runs)
};

struct Results {
    std::string lab, title;
    std::string submission;           // the folder graded
    double score = 0, max_score = 0;  // of the automatic tests
    double by_hand_points = 0;        // the manual tests' points: lab.yaml's points = max_score + these
    uint64_t seed = 0;
    bool gradable = true;               // false: files missing (PrairieLearn's gradable)
    std::vector<std::string> problems;  // with the submission as a whole (missing files, a failed build)
    std::string grader_error;           // the grader itself failed: why
    std::vector<TestResult> tests;
    double seconds = 0;
    bool done = false;       // false while tests are still running (partial results)
    bool sandboxed = false;  // every child ran under Landlock
};

// Every test of spec as not run yet, 0 points: the results before the first
// test, and what stays of any test a failed or stopped grader never ran.
Results initial_results(const Spec& spec, const std::string& submission, uint64_t seed);

void add_up(Results& r);  // score from the tests

// A test's points split over n cases so that the shares add up to the
// points exactly: in hundredths of a point, each case points / n rounded
// down to a hundredth, the first cases one hundredth more until the
// hundredths are all given out; the last also takes what is below a
// hundredth (points not a whole number of hundredths).
std::vector<double> case_shares(double points, size_t n);

// A test that did not run its cases (skipped, failed before running, not
// run): the test and every case get status and why, 0 points.
void settle_unrun(TestResult& t, Status status, const std::string& why);
// Each case's status, points and output once they are judged (passed of
// them passed); adds the points of a partial test to t's.
void settle_cases(const Test& test, TestResult& t, size_t passed);

// One result entry: a test with one case is one entry (the test's name and
// number); a test with several is one entry per case, named "TEST / CASE"
// and numbered "N.I". Every format writes these.
struct Entry {
    const TestResult* test = nullptr;
    std::string name, number;  // number: "6" or "6.2"
    size_t case_number = 0;    // 1-based; 0 for a test of one case
    Status status = Status::NotRun;
    double points = 0, max_points = 0;
    std::string output;
    double seconds = 0;  // a test's cases run in one child: its time shared equally
};
std::vector<Entry> entries(const Results& r);

}  // namespace trapvm::grader
