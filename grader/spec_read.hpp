// The parts of lab.yaml's reader (spec_read.cpp: runs, expectations,
// cases; spec_load.cpp: the lab and its tests; spec_check.cpp: what the
// values mean together).
#pragma once

#include "grader/spec.hpp"
#include "grader/yaml_reader.hpp"

namespace trapvm::grader {

// max_steps, max_output, mem_size, quantum, timeout of map.
void read_limits(YamlReader& r, const YAML::Node& map, Limits& limits, const std::string& what);
Expect read_expect(YamlReader& r, const YAML::Node& node);
// The test's own run (run:, expect: and limits at the test's level).
Case read_test_run(YamlReader& r, const YAML::Node& test);
// cases: each over the test's run; random ones go to t.random.
void read_cases(YamlReader& r, const YAML::Node& list, const Case& base, Test& t);

// Checks a read spec; errors go to r.
void check_spec(YamlReader& r, const YAML::Node& root, Spec& spec);

}  // namespace trapvm::grader
