// Comparing two traces: where do two runs first differ?
#pragma once

#include "trace/record.hpp"

#include <optional>
#include <string>
#include <vector>

namespace trapvm::trace {

// The index of the first record where a and b differ (a record missing from
// the shorter one counts), or nothing when they are the same.
std::optional<size_t> first_divergence(const std::vector<Record>& a, const std::vector<Record>& b);

// A report of that divergence: `context` records before it from both sides,
// then the two differing records, labelled with the names of the runs.
// first_index is the number of the first record in a and b, when they are
// excerpts of longer traces.
std::string divergence_report(const std::vector<Record>& a, const std::vector<Record>& b, size_t index,
                              const std::string& name_a, const std::string& name_b, size_t context = 3,
                              uint64_t first_index = 0);

}  // namespace trapvm::trace
