// Trace filters (see filter.hpp).
#include "trace/filter.hpp"

namespace trapvm::trace {

bool Filter::add_only(const std::string& word, std::string* error) {
    if (word == "traps") {
        traps_only = true;
        return true;
    }
    if (word != "user" && word != "system") {
        *error = "--only '" + word + "': expected traps, user or system";
        return false;
    }
    bool want = word == "system";
    if (system && *system != want) {
        *error = "--only user and --only system together keep nothing";
        return false;
    }
    system = want;
    return true;
}

bool Filter::keep(const Event& e) const {
    using Type = Event::Type;
    if (vm >= 0 && e.vm != vm) return false;
    if (e.type == Type::End) return true;
    if (e.record.step < from || e.record.step > to) return false;
    bool trap_like = e.type == Type::Trap || e.type == Type::Exit || e.type == Type::Inject;
    if (traps_only && !trap_like) return false;
    // A schedule switch belongs to no mode: it goes with --only user|system.
    if (system && (e.type == Type::Schedule || e.record.system != *system)) return false;
    return true;
}

nlohmann::ordered_json Filter::to_json() const {
    nlohmann::ordered_json only = nlohmann::ordered_json::array();
    if (traps_only) only.push_back("traps");
    if (system) only.push_back(*system ? "system" : "user");
    nlohmann::ordered_json out;
    out["from"] = from;
    out["to"] = to == UINT64_MAX ? nlohmann::ordered_json() : nlohmann::ordered_json(to);
    out["only"] = only;
    out["vm"] = vm < 0 ? nlohmann::ordered_json() : nlohmann::ordered_json(vm);
    return out;
}

}  // namespace trapvm::trace
