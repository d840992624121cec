// Answers files: what students of the virtualizability lab (labs/virt)
// hand in, read and judged by tests of kind answers. The truth is never a
// copy: the classes and theorems come from the checker's library
// (properties::classify) at grading time, the divergence from the runs.
//
// The format (labs/virt/README.md), one statement a line, '#' to the end of
// a line a comment, blank lines ignored:
//
//   profile lab-virt-a         the section of one ISA profile
//   rdppc   unprivileged:location      an instruction of the profile and its class,
//                                      spelled as instructions.tbl does
//   theorem1 fails             holds | fails
//   theorem3 fails
//   divergence 37 rdubase      the first diverging step of its guest OS under the
//                              monitor, and the instruction there
#pragma once

#include "grader/results.hpp"
#include "grader/spec.hpp"
#include "properties/classify.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

struct Answer {
    std::string text;  // as written: a class, holds/fails, a mnemonic
    int line = 0;
};

struct ProfileAnswers {
    std::map<std::string, Answer> classes;  // mnemonic -> class
    std::optional<Answer> theorem1, theorem3;
    std::optional<uint64_t> divergence_step;
    std::optional<Answer> divergence_mnemonic;
};

struct Answers {
    std::map<std::string, ProfileAnswers> profiles;
    std::vector<std::string> errors;  // "answers.txt:3: ...", in file order
};

// The largest answers file read, and the most errors reported.
inline constexpr size_t kMaxAnswersBytes = size_t{1} << 20;
inline constexpr size_t kMaxAnswerErrors = 20;

Answers parse_answers(const std::string& text, const std::string& file);

// The instructions a profile adds to pg32: the ones its students classify.
std::vector<pg32::Op> own_instructions(const pg32::ProfileInfo& profile);

// The cases of an answers test, judged: one per instruction (grade:
// classes), per theorem (theorems), the step and the instruction
// (divergence: first is the facts' first_divergence). reveal: say the
// measured answer in the feedback (tests students see only after grading).
std::vector<CaseResult> judge_classes(const Answers& a, const pg32::ProfileInfo& p,
                                      const properties::ClassifyReport& measured, const std::string& file, bool reveal);
std::vector<CaseResult> judge_theorems(const Answers& a, const pg32::ProfileInfo& p,
                                       const properties::ClassifyReport& measured, const std::string& file,
                                       bool reveal);
std::vector<CaseResult> judge_divergence(const Answers& a, const pg32::ProfileInfo& p, const nlohmann::json& first,
                                         const std::string& file, bool reveal);

// A test's status, points (partial: per case) and output from its judged
// cases; errors (an answers file that cannot be read) fail every case.
void score_answers(const Test& t, std::vector<CaseResult> cases, const std::vector<std::string>& errors, TestResult& r);

}  // namespace trapvm::grader
