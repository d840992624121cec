// Popek and Goldberg's efficiency property: a statistically dominant
// subset of the guest's instructions, all the innocuous ones, runs directly
// on the real CPU. Checked on a monitored run against its bare twin (what
// check_equivalence() returns):
//   - every emulated instruction is a privileged one;
//   - every trap the monitor reflected and every interrupt it injected is
//     one the bare machine also took: the monitor adds no exits of its own
//     for innocuous instructions, only for privileged ones and its slices;
//   - and the share of guest instructions that ran directly.
#pragma once

#include "properties/equivalence.hpp"

#include <string>
#include <vector>

namespace trapvm::properties {

struct EfficiencyVerdict {
    bool holds = true;
    std::vector<std::string> problems;  // one line each: what exited that should not have
    uint64_t direct = 0;                // guest instructions run directly
    uint64_t emulated = 0;              // run by interpreter routines
    uint64_t exits = 0;
    double direct_share = 0;  // direct / (direct + emulated), 0..1
};

EfficiencyVerdict check_efficiency(const EquivalenceResult& run);

}  // namespace trapvm::properties
