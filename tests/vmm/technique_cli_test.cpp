// --vmm=KIND from the command line: each technique (vmm/technique.hpp) in
// run, trace, debug and diff; --vmm alone is trap-and-emulate; a kind that
// does not exist is a usage error that lists the kinds.
#include "vmm/technique.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

struct Run {
    int status = -1;
    std::string out, err;
};

fs::path scratch() { return fs::temp_directory_path() / ("trapvm-technique-cli-" + std::to_string(::getpid())); }

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

nlohmann::json state(const std::string& file) { return nlohmann::json::parse(slurp(scratch() / file)); }

std::string example(const std::string& name) { return std::string(TRAPVM_SOURCE_DIR) + "/examples/" + name + ".s"; }

}  // namespace

TEST_CASE("run --vmm=KIND: every technique ends each example exactly as bare hardware, state included") {
    for (const trapvm::vmm::TechniqueInfo& t : trapvm::vmm::kTechniques) {
        // The examples are pg32's: a technique that cannot run it refuses
        // (hardware_test.cpp, tests/guest-os/flawed-vt.sh).
        if (trapvm::vmm::technique_unavailable(t.technique, pg32::base_profile())) continue;
        for (const char* name : {"hello", "sum", "syscall", "divzero"}) {
            INFO(t.name, " ", std::string(name));
            Run bare = run_trapvm("run " + example(name) + " --state-json bare.json");
            nlohmann::json b = state("bare.json");
            Run vmm = run_trapvm(std::string("run --vmm=") + t.name + " " + example(name) + " --state-json vmm.json");
            nlohmann::json v = state("vmm.json");
            CHECK(vmm.status == bare.status);
            CHECK(vmm.out == bare.out);
            CHECK(vmm.err == bare.err);
            for (const char* key : {"pc", "regs", "csr", "mode", "steps", "ticks", "stop"}) CHECK(v[key] == b[key]);
            CHECK(v["technique"] == t.name);
            const nlohmann::json& s = v["stats"];
            CHECK(s["direct"].get<uint64_t>() + s["emulated"].get<uint64_t>() + s["interpreted"].get<uint64_t>() +
                      s["patched"].get<uint64_t>() ==
                  v["steps"].get<uint64_t>());
        }
    }
}

TEST_CASE("run --vmm=hybrid: the kernel is interpreted, not emulated, and --stats says so") {
    Run r = run_trapvm("run --vmm=hybrid --stats " + example("syscall") + " --state-json hybrid.json");
    CHECK(r.status == 0);
    CHECK(r.err.find("(emulated)") == std::string::npos);  // no privileged instruction exits
    CHECK(r.err.find(" interpreted: ") != std::string::npos);
    nlohmann::json s = state("hybrid.json");
    CHECK(s["stats"]["emulated"] == 0);
    CHECK(s["stats"]["interpreted"].get<uint64_t>() > 0);
    Run plain = run_trapvm("run --vmm " + example("syscall") + " --state-json plain.json");
    CHECK(state("plain.json")["technique"] == "trap-and-emulate");  // --vmm alone
    CHECK(state("plain.json")["stats"]["interpreted"] == 0);
}

TEST_CASE("--vmm=KIND: an unknown or empty kind is a usage error that lists the kinds") {
    for (const char* command : {"run", "trace", "debug"}) {
        INFO(command);
        Run r = run_trapvm(std::string(command) + " --vmm=paravirtual " + example("hello"));
        CHECK(r.status == 2);
        CHECK(r.err.find("--vmm=paravirtual: no such technique") != std::string::npos);
        for (const trapvm::vmm::TechniqueInfo& t : trapvm::vmm::kTechniques)
            CHECK(r.err.find(t.name) != std::string::npos);
        Run empty = run_trapvm(std::string(command) + " --vmm= " + example("hello"));
        CHECK(empty.status == 2);
        CHECK(empty.err.find("expected a value after '='") != std::string::npos);
    }
    Run diff = run_trapvm("diff --bare-vs-vmm --vmm=nope " + example("hello"));
    CHECK(diff.status == 2);
    CHECK(diff.err.find("no such technique") != std::string::npos);
}

TEST_CASE("--vmm alone takes no value: the next word stays a program") {
    Run r = run_trapvm("run --vmm " + example("hello") + " " + example("hello"));
    CHECK(r.status == 0);
    CHECK(r.out == "[vm0] Hello, world!\n[vm1] Hello, world!\n");
}

TEST_CASE("diff --bare-vs-vmm --vmm=hybrid compares the bare machine with the hybrid monitor") {
    Run r = run_trapvm("diff --bare-vs-vmm --vmm=hybrid " + example("syscall"));
    CHECK(r.status == 0);
    CHECK(r.out.find("equivalent: ") == 0);
    Run without = run_trapvm("diff --vmm=hybrid a.jsonl b.jsonl");
    CHECK(without.status == 2);
    CHECK(without.err.find("--vmm needs --bare-vs-vmm") != std::string::npos);
}

TEST_CASE("trace --vmm=hybrid: the guest-visible records are the bare ones") {
    Run bare = run_trapvm("trace " + example("syscall") + " --format jsonl -o bare.jsonl");
    Run hybrid = run_trapvm("trace --vmm=hybrid " + example("syscall") + " --format jsonl -o hybrid.jsonl");
    CHECK(bare.status == 0);
    CHECK(hybrid.status == 0);
    Run diff = run_trapvm("diff bare.jsonl hybrid.jsonl");
    INFO(diff.out);
    CHECK(diff.status == 0);
}

TEST_CASE("compare --json: each program bare and under every technique, all equivalent, counts that add up") {
    Run r = run_trapvm("compare --json " + example("syscall") + " " + example("sum"));
    CHECK(r.status == 0);
    nlohmann::json rows = nlohmann::json::parse(r.out);
    size_t per_program = 1 + std::size(trapvm::vmm::kTechniques);
    REQUIRE(rows.size() == 2 * per_program);
    for (size_t p = 0; p < 2; ++p) {
        const nlohmann::json& bare = rows[p * per_program];
        CHECK(bare["technique"] == "bare");
        for (size_t t = 0; t < std::size(trapvm::vmm::kTechniques); ++t) {
            const nlohmann::json& row = rows[p * per_program + 1 + t];
            INFO(row.dump());
            CHECK(row["technique"] == trapvm::vmm::kTechniques[t].name);
            CHECK(row["workload"] == bare["workload"]);
            CHECK(row["profile"] == "pg32");
            if (trapvm::vmm::technique_unavailable(trapvm::vmm::kTechniques[t].technique, pg32::base_profile())) {
                CHECK(row["equivalent"].is_null());  // n/a: it cannot run pg32 (hardware needs guest mode)
                CHECK(row["unavailable"].is_string());
                continue;
            }
            CHECK(row["equivalent"] == true);
            CHECK(row["divergence"].is_null());
            CHECK(row["steps"] == bare["steps"]);
            CHECK(row["direct"].get<uint64_t>() + row["emulated"].get<uint64_t>() + row["interpreted"].get<uint64_t>() +
                      row["hypercalls"].get<uint64_t>() ==
                  row["steps"].get<uint64_t>());
        }
    }
    // What each technique is: trap-and-emulate interprets nothing; hybrid emulates nothing.
    CHECK(rows[1]["interpreted"] == 0);
    CHECK(rows[1]["emulated"].get<uint64_t>() > 0);
    CHECK(rows[2]["emulated"] == 0);
    CHECK(rows[2]["interpreted"].get<uint64_t>() > 0);
}

TEST_CASE("compare: the text table names every technique, and a missing program is an error") {
    Run r = run_trapvm("compare " + example("hello"));
    CHECK(r.status == 0);
    CHECK(r.out.find("equivalent") != std::string::npos);
    for (const trapvm::vmm::TechniqueInfo& t : trapvm::vmm::kTechniques)
        CHECK(r.out.find(std::string(t.name) + " ") != std::string::npos);
    CHECK(run_trapvm("compare missing.s").status == 66);
}
