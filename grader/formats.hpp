// Results as the tools that read them want them (the specs are in
// ../shared/reference/ecosystem.md §2; labs/README.md shows each):
//   json          trapvm's own: everything, cases included
//   gradescope    Gradescope's results.json
//   prairielearn  PrairieLearn's external-grader results.json (score in
//                 [0, 1], at most 1 MB, hidden tests left out)
//   junit         JUnit XML, for CI
//   text          for a terminal
#pragma once

#include "grader/results.hpp"

#include <optional>
#include <string>

namespace trapvm::grader {

enum class Format { Text, Json, Gradescope, PrairieLearn, JUnit };
std::optional<Format> format_by_name(const std::string& name);

std::string format_results(const Results& r, Format f);

// PrairieLearn's limit on results.json.
inline constexpr size_t kPrairieLearnMaxBytes = 1'000'000;
// Any one test's output in any format is cut here.
inline constexpr size_t kMaxTestOutput = 32 * 1024;

}  // namespace trapvm::grader
