// The techniques (see technique.hpp).
#include "vmm/technique.hpp"

#include <stdexcept>

namespace trapvm::vmm {

const TechniqueInfo& technique_info(Technique technique) {
    for (const TechniqueInfo& t : kTechniques)
        if (t.technique == technique) return t;
    throw std::logic_error("technique_info: a technique without its row in kTechniques");
}

const TechniqueInfo* technique_by_name(std::string_view name) {
    for (const TechniqueInfo& t : kTechniques)
        if (name == t.name) return &t;
    return nullptr;
}

std::string technique_names() {
    std::string names;
    for (const TechniqueInfo& t : kTechniques) names += (names.empty() ? "" : ", ") + std::string(t.name);
    return names;
}

std::optional<std::string> technique_unavailable(Technique technique, const pg32::ProfileInfo& profile) {
    if (technique != Technique::Hardware || profile.guest_mode) return std::nullopt;
    std::string with;
    for (const pg32::ProfileInfo& p : pg32::kProfiles)
        if (p.guest_mode) with += (with.empty() ? "" : ", ") + std::string(p.name);
    return std::string("the hardware technique needs a profile with the guest-mode extension (") +
           (with.empty() ? "none has it" : with) + "); profile " + profile.name + " has none";
}

}  // namespace trapvm::vmm
