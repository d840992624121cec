// The runs of `trapvm grade-job` (cmd_grade_job.cpp): one case of a grader's job,
// run as its kind says, answered with facts (grader/job.hpp has the
// protocol).
#pragma once

#include "image/image.hpp"
#include "vmm/technique.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace trapvm::cli {

using json = nlohmann::ordered_json;

// A case with its programs assembled.
struct CheckCase {
    const json& spec;  // the case's object in the job
    std::vector<Image> images;
    std::string input;
    uint64_t max_steps = 0, max_output = 0;
    uint32_t mem_size = 0, quantum = 0;
    vmm::Technique technique = vmm::Technique::TrapAndEmulate;  // the case's "technique"
};

// kind run / leaderboard: the facts of a bare or monitored run.
void check_run(const CheckCase& c, json& facts);
// kind trace: a bare run watched by grader::TraceProperties, plus
// no-innocuous-exits from an equivalence run.
void check_trace(const CheckCase& c, const std::vector<std::string>& properties, json& facts);
void check_equivalence(const CheckCase& c, json& facts);
void check_resource_control(const CheckCase& c, json& facts);
void check_efficiency(const CheckCase& c, json& facts);

}  // namespace trapvm::cli
