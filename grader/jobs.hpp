// Building a test's job for the runner and reading its facts back
// (grader/job.hpp is the protocol; grade.cpp drives it).
#pragma once

#include "grader/sandbox.hpp"
#include "grader/spec.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace trapvm::grader {

using json = nlohmann::json;

// A job with the lab's files it names opened, to be passed to the runner
// as descriptors 3, 4, ... (they close with it).
struct Job {
    json body;
    std::vector<int> fds;
    std::string error;  // a lab file that could not be opened (a lab bug)
    Job() = default;
    Job(Job&& other) noexcept;
    Job& operator=(Job&&) = delete;
    ~Job();
};

// prepare: with lab.yaml's prepare: steps (the first job of a work folder).
Job make_job(const Spec& spec, const Test& test, const std::vector<Case>& cases, const std::string& work, bool prepare);

// The runner's answer, one entry per case: its facts, or a json null when
// the runner printed none for it. *trouble says why (a timeout, a crash),
// "" when the runner ended normally.
// Paths beneath work are shown relative to it.
std::vector<json> read_facts(const ChildResult& child, size_t cases, const std::string& work, std::string* trouble);

// The limits of the child that runs the job: the cases' timeouts added up.
ChildLimits job_limits(const Spec& spec, const std::vector<Case>& cases);

}  // namespace trapvm::grader
