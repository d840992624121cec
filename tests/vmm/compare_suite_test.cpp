// trapvm compare with no program: the guest OS workloads of every shipped
// profile under every technique, and each verdict what Popek and Goldberg
// predict from the profile's declared theorems (profiles.tbl), asserted
// row by row with the first divergence in the message.
#include "vmm/technique.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Run {
    int status = -1;
    std::string out;
};

Run run_trapvm(const std::string& args) {
    fs::path out = fs::temp_directory_path() / ("trapvm-compare-suite-" + std::to_string(::getpid()) + ".out");
    std::string command = "'" TRAPVM_BINARY_DIR "/tools/trapvm' " + args + " </dev/null >'" + out.string() + "' 2>&1";
    int raw = std::system(command.c_str());
    std::ifstream in(out);
    std::stringstream text;
    text << in.rdbuf();
    fs::remove(out);
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, text.str()};
}

// What the theory predicts for a technique on a workload whose profile's
// flaw runs in flaw_in ("system": the kernel; "user": a user program):
//   trap-and-emulate runs every mode directly: right only without flaws
//     (Theorem 1), or when the flaw is in user mode and not user-sensitive;
//   hybrid interprets virtual system mode: right unless the flaw is
//     user-sensitive and runs in user mode (Theorem 3);
//   paravirt changes the kernel, not user programs: the same as hybrid
//     (a user program's flaw bites it as it bites Xen's guests);
//   patch and hardware catch the flaw in every mode: always right.
bool predicted(const std::string& technique, const pg32::ProfileInfo& p, const std::string& flaw_in) {
    if (p.theorem1) return true;
    bool user_flaw_bites = flaw_in == "user" && !p.theorem3;
    if (technique == "trap-and-emulate") return flaw_in == "user" && p.theorem3;
    if (technique == "hybrid" || technique == "paravirt") return !user_flaw_bites;
    return true;
}

}  // namespace

TEST_CASE("compare: every technique on every profile's guest OS workloads is as the theorems predict") {
    Run r = run_trapvm("compare --json --no-speed");
    INFO(r.out.substr(0, 2000));
    REQUIRE(r.status == 1);  // the flawed profiles break trap-and-emulate: not all equivalent
    nlohmann::json rows = nlohmann::json::parse(r.out);
    std::map<std::string, int> rows_per_profile;
    for (const nlohmann::json& row : rows) {
        const pg32::ProfileInfo* p = pg32::profile_by_name(row["profile"].get<std::string>());
        REQUIRE(p);
        ++rows_per_profile[p->name];
        if (row["technique"] == "bare") continue;
        std::string technique = row["technique"], flaw_in = row["flaw_in"];
        const trapvm::vmm::TechniqueInfo* t = trapvm::vmm::technique_by_name(technique);
        REQUIRE(t);
        if (std::optional<std::string> why = trapvm::vmm::technique_unavailable(t->technique, *p)) {
            CHECK(row["equivalent"].is_null());
            CHECK(row["unavailable"] == *why);
            continue;
        }
        CHECK(row["unavailable"].is_null());
        INFO(p->name, " ", row["workload"].get<std::string>(), " under ", technique, ": ",
             row["divergence"].is_null() ? std::string("equivalent") : row["divergence"].get<std::string>());
        CHECK(row["equivalent"].get<bool>() == predicted(technique, *p, flaw_in));
    }
    // Every shipped profile is there: its kernel, and for a flawed one its user program too.
    for (const pg32::ProfileInfo& p : pg32::kProfiles) {
        if (pg32::is_lab_profile(p)) continue;  // the lab's mystery profiles are not compared
        INFO(p.name);
        int workloads = &p == &pg32::base_profile() ? 1 : 2;
        CHECK(rows_per_profile[p.name] == workloads * static_cast<int>(1 + std::size(trapvm::vmm::kTechniques)));
    }
}

TEST_CASE("compare: a divergence names the flawed instruction, and --profile keeps to one profile") {
    Run r = run_trapvm("compare --profile leaky-r --no-speed");
    CHECK(r.status == 1);
    CHECK(r.out.find("usermode-leaky-r x2 (leaky-r) under hybrid: vm1 (run beside vm0)") != std::string::npos);
    CHECK(r.out.find("rdrbase") != std::string::npos);
    CHECK(r.out.find("pg32 ") == std::string::npos);
}

TEST_CASE("compare: without the guest OS images it says which are missing and how to build them") {
    Run r = run_trapvm("compare --guest-os /nonexistent --no-speed");
    CHECK(r.status == 66);
    CHECK(r.out.find("/nonexistent/boot-mix.img") != std::string::npos);
    CHECK(r.out.find("--target guest_os") != std::string::npos);
}
