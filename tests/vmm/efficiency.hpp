// Efficiency (Popek and Goldberg): innocuous instructions run directly on
// the real CPU. Checked on a monitored run against its bare twin:
//  - every emulation is of a privileged instruction (by construction of the
//    dispatcher, and counted here);
//  - every trap the monitor reflected, and every interrupt it injected, is
//    one the bare machine also took: the monitor adds no exits of its own
//    for innocuous instructions, only for privileged ones and its time slices;
//  - the share of guest instructions run directly is reported.
#pragma once

#include "trace/equivalence.hpp"

#include <doctest/doctest.h>

#include <string>

inline void check_efficiency(const trapvm::trace::EquivalenceResult& r, const std::string& workload) {
    const trapvm::vmm::ExitStats& s = r.stats;
    for (uint32_t c = 0; c < pg32::kCauseCodeLimit; ++c) {
        INFO(workload, ": cause ", c);
        CHECK(s.reflected[c] + s.injected[c] == r.bare_traps[c]);
    }
    uint64_t emulated = 0;
    for (int i = 0; i < pg32::kOpCount; ++i) {
        if (!pg32::kInsns[i].privileged) CHECK(s.emulated[i] == 0);
        emulated += s.emulated[i];
    }
    CHECK(emulated == s.interpreted);
    MESSAGE(workload, ": ", s.direct, " guest instructions ran directly, ", s.interpreted, " were emulated (",
            100.0 * s.efficiency(), "% direct), ", s.exits(), " exits");
}
