// Efficiency (see efficiency.hpp).
#include "properties/efficiency.hpp"

namespace trapvm::properties {

EfficiencyVerdict check_efficiency(const EquivalenceResult& run) {
    const vmm::ExitStats& s = run.stats;
    EfficiencyVerdict v{
        .direct = s.direct, .emulated = s.interpreted, .exits = s.exits(), .direct_share = s.efficiency()};
    auto problem = [&v](const std::string& text) {
        v.holds = false;
        v.problems.push_back(text);
    };
    for (uint32_t c = 0; c < pg32::kCauseCodeLimit; ++c)
        if (s.reflected[c] + s.injected[c] != run.bare_traps[c])
            problem(pg32::cause_name(c) + ": the monitor delivered " + std::to_string(s.reflected[c] + s.injected[c]) +
                    ", the bare machine took " + std::to_string(run.bare_traps[c]));
    uint64_t emulated = 0;
    for (int i = 0; i < pg32::kOpCount; ++i) {
        if (!pg32::kInsns[i].privileged && s.emulated[i])
            problem(std::string("the innocuous instruction ") + pg32::kInsns[i].mnemonic + " was emulated " +
                    std::to_string(s.emulated[i]) + " times");
        emulated += s.emulated[i];
    }
    if (emulated != s.interpreted) problem("the emulation counts disagree");
    return v;
}

}  // namespace trapvm::properties
