// Grading every submission of a folder: `trapvm grade LAB --batch DIR`.
//
//   DIR/alice/  DIR/bob/ ...      each subfolder a submission
//   OUT/results/alice.json ...    each one's results (in the chosen format)
//   OUT/summary.csv               one row each: score, max, seconds, each test's points
//   OUT/summary.json              the same, and the seed
//
// N submissions are graded at once (--jobs); a progress line on stderr when
// it is a terminal. One seed for the whole batch, so random cases are the
// same for everyone.
#pragma once

#include "grader/formats.hpp"
#include "grader/grade.hpp"

#include <string>

namespace trapvm::grader {

struct BatchOptions {
    GradeOptions grade;
    Format format = Format::Json;
    int jobs = 1;
    std::string dir;     // the submissions
    std::string output;  // where results and summaries go ("" : dir)
};

// False, with *error, when DIR has no submissions or OUT cannot be written.
bool grade_batch(const Spec& spec, const BatchOptions& options, std::string* error);

}  // namespace trapvm::grader
