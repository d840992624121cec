// The workloads of trapvm compare (see compare_suite.hpp).
#include "tools/compare_suite.hpp"

#include <system_error>

namespace trapvm::cli {

namespace fs = std::filesystem;

fs::path default_guest_os_dir() {
    std::error_code error;
    fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (error) return "guest-os";
    return self.parent_path().parent_path() / "guest-os";
}

std::vector<Workload> suite_workloads(const fs::path& dir, const pg32::ProfileInfo* only,
                                      std::vector<std::string>* missing) {
    std::vector<Workload> out;
    auto add = [&](const pg32::ProfileInfo& p, const std::string& name, const char* flaw_in,
                   const std::string& paravirt = "") {
        fs::path path = dir / (name + ".img"), pv = paravirt.empty() ? fs::path() : dir / "paravirt" / paravirt;
        int vms = std::string(flaw_in) == "user" ? 2 : 1;
        for (const fs::path& f : {path, pv})
            if (!f.empty() && !fs::is_regular_file(f)) missing->push_back(f.string());
        out.push_back({&p, name + (vms > 1 ? " x2" : ""), path, flaw_in, vms, pv});
    };
    for (const pg32::ProfileInfo& p : pg32::kProfiles) {
        if ((only && &p != only) || (!only && pg32::is_lab_profile(p))) continue;  // a lab's mystery is the lab's
        std::string name = p.name;
        if (&p == &pg32::base_profile()) {
            add(p, "boot-mix", "system", "boot-paravirt-mix.img");
            continue;
        }
        add(p, "boot-flawed-" + name, "system", "boot-paravirt-flawed-" + name + ".img");
        add(p, "usermode-" + name, "user");
    }
    return out;
}

}  // namespace trapvm::cli
