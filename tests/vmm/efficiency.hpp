// Efficiency (Popek and Goldberg) in a test: properties::check_efficiency
// on a monitored run, each problem a failed check, and the share reported.
#pragma once

#include "properties/efficiency.hpp"

#include <doctest/doctest.h>

#include <string>

inline void check_efficiency(const trapvm::properties::EquivalenceResult& r, const std::string& workload) {
    trapvm::properties::EfficiencyVerdict v = trapvm::properties::check_efficiency(r);
    for (const std::string& p : v.problems) FAIL_CHECK(workload << ": " << p);
    CHECK(v.holds);
    MESSAGE(workload, ": ", v.direct, " guest instructions ran directly, ", v.emulated, " were emulated (",
            100.0 * v.direct_share, "% direct), ", v.exits, " exits");
}
