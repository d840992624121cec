// Grading one submission against a lab's spec:
//
//   submission/ --place files--> work folder (a copy of the tree, the
//   submission's files in place of the solution's) --[build]--> runner
//   for each test, in order:
//     its dependencies passed?  else skipped, 0 points
//     job (grader/job.hpp) --child process with limits--> facts --expect.cpp--> points, feedback
//     results written (on_progress)
//
// A timeout, a crash, a runner that prints nothing or too much: every case
// without facts fails with the reason, so no test passes without having
// been run to the end.
#pragma once

#include "grader/results.hpp"
#include "grader/sandbox.hpp"
#include "grader/spec.hpp"

#include <functional>
#include <optional>
#include <string>

namespace trapvm::grader {

struct GradeOptions {
    std::string trapvm;            // the runner of asm labs (and of the solution): this trapvm
    std::string scratch;           // where work folders go ("" : $TMPDIR or /tmp)
    std::optional<uint64_t> seed;  // overrides lab.yaml's
    std::string user = "nobody";   // the children's user when the grader is root
    std::string prefix;            // the installed toolkit (cpp labs' builds)
    bool keep_work = false;        // keep work folders (for debugging a lab)
};

using Progress = std::function<void(const Results&)>;

// Grades the submission folder; on_progress gets the results after every
// test (and once before the first). Never throws for anything a submission
// does; a failure of the grader itself is in Results::grader_error.
Results grade(const Spec& spec, const std::string& submission, const GradeOptions& options,
              const Progress& on_progress = nullptr);

// The seed of a grading run: options', lab.yaml's, or a fresh one.
uint64_t seed_of(const Spec& spec, const GradeOptions& options);

// The cases of every test with its random ones drawn from seed (the same
// seed, the same cases: per test, from the seed and the test's name).
std::vector<Case> cases_of(const Test& test, uint64_t seed);

// The largest submission file taken: bigger ones are refused with a message.
inline constexpr uint64_t kMaxSubmissionFile = uint64_t{4} << 20;

}  // namespace trapvm::grader
