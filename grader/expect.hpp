// Judging one case from its facts (grader/job.hpp): each expectation of
// lab.yaml checked, each failure one message a student can act on:
// expected against actual, where the program stopped (file:line), and for
// console output the first line that differs.
#pragma once

#include "grader/spec.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace trapvm::grader {

using json = nlohmann::json;

// What failed, one message each; empty when the case passed. solution: the
// solution's facts for the same case (same_as_solution), or null.
std::vector<std::string> judge_case(const Test& test, const Case& c, const json& facts, const json* solution);

// The memory a case asks the runner for: its expectations' and the
// solution comparison's, as job entries {at, words}.
json memory_requests(const Expect& e);

// "line 2 differs: expected "abc", got "abd"" and the like, for two outputs.
std::string first_difference(const std::string& expected, const std::string& actual);

// Text cut to at most max bytes, saying how long it was.
std::string cut(const std::string& text, size_t max);

// printable() for console text: \n kept, other control bytes as \xHH.
std::string shown(const std::string& bytes);

}  // namespace trapvm::grader
