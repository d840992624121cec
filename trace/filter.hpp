// Which events a trace keeps: --from/--to, --only, --vm.
#pragma once

#include "trace/event.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace trapvm::trace {

struct Filter {
    uint64_t from = 0;           // --from: first step kept
    uint64_t to = UINT64_MAX;    // --to: last step kept (inclusive)
    bool traps_only = false;     // --only traps: traps, interrupts, monitor exits and injections
    std::optional<bool> system;  // --only system (true) or user (false): by (virtual) mode
    int vm = -1;                 // --vm: only this VM's events; -1 for all

    // Adds one --only word ("traps", "user", "system"); false with *error
    // set for anything else, or for user and system together.
    bool add_only(const std::string& word, std::string* error);

    // End events pass every filter but --vm: a trace always says how the
    // run ended.
    bool keep(const Event& e) const;

    // Past --to, nothing more will be kept of this VM (so a run can stop
    // recording).
    bool done_after(uint64_t step) const { return step > to; }

    // {"from": 0, "to": null, "only": ["traps"], "vm": null} for the header.
    nlohmann::ordered_json to_json() const;
};

}  // namespace trapvm::trace
