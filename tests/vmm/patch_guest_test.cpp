// The patch technique as the guest sees it (vmm/patch.hpp): it must not.
// Each test kernel of tests/vmm/programs/patch/ runs bare, under --vmm=patch
// and under trap-and-emulate; under the patch technique it must be
// equivalent to bare, with exactly the patched exits its flawed instructions
// make, while trap-and-emulate shows that the program does exercise the flaw
// (and the hybrid monitor, where it runs in user mode, Theorem 3's limit):
//  - hide.s: a guest that reads its own code sees the original words;
//  - smc.s: code overwritten with a sensitive instruction traps, overwritten
//    with an innocuous one runs directly, by the word and by the byte;
//  - loaded.s: a routine with rdpsw copied to new places and called there;
//  - data.s: data equal to rdpsw is read as itself and never traps;
//  - jrst.s: jrst1's jump into user mode (Theorem 1 fails, Theorem 3 holds).
// And the command line: run, diff --bare-vs-vmm and trace with --vmm=patch.
#include "properties/equivalence.hpp"
#include "tests/support/assemble.hpp"
#include "vmm/patch.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace trapvm;
namespace fs = std::filesystem;

namespace {

struct PatchCase {
    const char* file;        // in tests/vmm/programs/patch/
    const char* profile;     // it is assembled and run with
    const char* console;     // its bare output, as its header comment says
    uint64_t patched;        // exits of patched instructions under --vmm=patch
    bool plain_equivalent;   // under trap-and-emulate
    bool hybrid_equivalent;  // under the hybrid monitor: not when the flaw runs in user mode
};

// The output of a run: each line a hex word (print.inc's puthex) or a word.
const PatchCase kCases[] = {
    {"hide.s", "leaky-psw", "00000001\n58d00000\n00000058\nhidden\n00000000\n58d00000\n00000058\nhidden\n", 2, false,
     false},
    {"smc.s", "leaky-psw", "00000007\n00000001\n00000000\n00000001\n00000001\n00000001\n00000007\n00000001\n", 5, false,
     true},
    {"loaded.s", "leaky-psw", "00000001\n00000001\n00000005\n00000000\n", 3, false, false},
    {"data.s", "leaky-psw", "58300000\n00000058\n58300000\n00000058\n58300000\n00000058\n", 0, true, true},
    {"jrst.s", "jrst1", "00000006\n00000002\n00000020\n00000001\n00000000\n00000018\n00000012\n", 2, false, true},
};

properties::EquivalenceResult run_case(const Image& image, vmm::Technique technique) {
    properties::EquivalenceSetup setup;
    setup.image = &image;
    setup.max_steps = 100'000;
    setup.technique = technique;
    return properties::check_equivalence(setup);
}

}  // namespace

TEST_CASE("patch: hiding, self-modifying code, code loaded at run time, data that looks like code, jrst") {
    const pg32::ProfileInfo& saved = pg32::active_profile();
    for (const PatchCase& c : kCases) {
        INFO(c.file, " (profile ", c.profile, ")");
        pg32::select_profile(*pg32::profile_by_name(c.profile));
        Image image = test::assemble_source(std::string("tests/vmm/programs/patch/") + c.file);
        properties::EquivalenceResult patch = run_case(image, vmm::Technique::Patch);
        properties::EquivalenceResult plain = run_case(image, vmm::Technique::TrapAndEmulate);
        properties::EquivalenceResult hybrid = run_case(image, vmm::Technique::Hybrid);
        pg32::select_profile(saved);
        CHECK(patch.console_bare == c.console);
        CHECK(patch.stop_bare.reason == StopReason::Halt);
        INFO("under --vmm=patch:\n", patch.report);
        CHECK(patch.equivalent);
        CHECK(patch.stats.patched == c.patched);
        CHECK(patch.stats.direct + patch.stats.interpreted + patch.stats.patched == patch.steps_vmm);
        CHECK(patch.stats.hybrid_interpreted == 0);  // the rest ran directly, or trapped as privileged
        CHECK(plain.equivalent == c.plain_equivalent);
        CHECK(hybrid.equivalent == c.hybrid_equivalent);
    }
}

namespace {

struct Run {
    int status = -1;
    std::string out, err;
};

fs::path scratch() { return fs::temp_directory_path() / ("trapvm-patch-cli-" + std::to_string(::getpid())); }

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs trapvm with args (shell words) from a scratch folder.
Run run_trapvm(const std::string& args) {
    fs::create_directories(scratch());
    std::string command = "cd '" + scratch().string() + "' && '" TRAPVM_BINARY_DIR "/tools/trapvm' " + args +
                          " </dev/null >out.txt 2>err.txt";
    int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(scratch() / "out.txt"), slurp(scratch() / "err.txt")};
}

std::string boot(const std::string& name) { return std::string(TRAPVM_BINARY_DIR) + "/guest-os/boot-" + name + ".img"; }

// Each guest OS build for a flawed profile, and the instruction it patches.
const std::pair<const char*, const char*> kFlawedBoots[] = {
    {"flawed-leaky-psw", "rdpsw"}, {"flawed-silent-ie", "wrpsw"}, {"flawed-leaky-r", "rdrbase"}};

}  // namespace

TEST_CASE("run and diff --bare-vs-vmm with --vmm=patch: each flawed guest OS build as on bare hardware") {
    for (const auto& [name, mnemonic] : kFlawedBoots) {
        INFO(name);
        Run bare = run_trapvm("run " + boot(name));
        Run patch = run_trapvm("run --vmm=patch --stats " + boot(name) + " --state-json patch.json");
        CHECK(patch.status == bare.status);
        CHECK(patch.out == bare.out);
        CHECK(patch.err.find("warning") == std::string::npos);  // it handles what the warning is about
        CHECK(patch.err.find(std::string(mnemonic) + " (patched)") != std::string::npos);
        nlohmann::json state = nlohmann::json::parse(slurp(scratch() / "patch.json"));
        CHECK(state["technique"] == "patch");
        CHECK(state["stats"]["patched"].get<uint64_t>() > 0);
        Run diff = run_trapvm("diff --bare-vs-vmm --vmm=patch " + boot(name));
        INFO(diff.out);
        CHECK(diff.status == 0);
        CHECK(diff.out.find("equivalent: ") == 0);
        Run plain = run_trapvm("diff --bare-vs-vmm " + boot(name));
        CHECK(plain.status == 1);  // trap-and-emulate: the first divergence at the flawed instruction
        CHECK(plain.err.find("warning: profile") != std::string::npos);
    }
}

TEST_CASE("trace --vmm=patch: the bare guest records, and each patched exit named") {
    Run bare = run_trapvm("trace " + boot("flawed-leaky-r") + " --format jsonl -o bare.jsonl");
    Run patch = run_trapvm("trace --vmm=patch " + boot("flawed-leaky-r") + " --format jsonl -o patch.jsonl");
    CHECK(bare.status == 0);
    CHECK(patch.status == 0);
    Run diff = run_trapvm("diff bare.jsonl patch.jsonl");
    INFO(diff.out);
    CHECK(diff.status == 0);
    Run text = run_trapvm("trace --vmm=patch --only traps " + boot("flawed-leaky-r"));
    CHECK(text.out.find(": patch rdrbase") != std::string::npos);
    CHECK(text.out.find("why: a sensitive instruction the monitor patched") != std::string::npos);
}
