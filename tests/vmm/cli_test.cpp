// trapvm run --vmm from the command line: every option keeps its meaning
// under the monitor, and several VMs each keep their own console and fate.
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

std::string slurp(const fs::path& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs trapvm with args (shell words) from a scratch folder.
Run trapvm(const std::string& args, const std::string& stdin_text = "") {
    fs::path dir = fs::temp_directory_path() / ("trapvm-vmm-cli-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    std::ofstream(dir / "in.txt") << stdin_text;
    std::string command =
        "cd '" + dir.string() + "' && '" TRAPVM_BINARY_DIR "/tools/trapvm' " + args + " <in.txt >out.txt 2>err.txt";
    int raw = std::system(command.c_str());
    Run r{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, slurp(dir / "out.txt"), slurp(dir / "err.txt")};
    return r;
}

nlohmann::json state(const std::string& file) {
    fs::path dir = fs::temp_directory_path() / ("trapvm-vmm-cli-" + std::to_string(::getpid()));
    return nlohmann::json::parse(slurp(dir / file));
}

std::string example(const std::string& name) { return std::string(TRAPVM_SOURCE_DIR) + "/examples/" + name + ".s"; }

}  // namespace

TEST_CASE("run --vmm: each example ends exactly as on bare hardware, state included") {
    for (const char* name : {"hello", "sum", "syscall", "divzero"}) {
        INFO(std::string(name));
        Run bare = trapvm("run " + example(name) + " --state-json bare.json");
        nlohmann::json b = state("bare.json");
        Run vmm = trapvm("run --vmm " + example(name) + " --state-json vmm.json");
        nlohmann::json v = state("vmm.json");
        CHECK(vmm.status == bare.status);
        CHECK(vmm.out == bare.out);
        CHECK(vmm.err == bare.err);
        for (const char* key : {"pc", "regs", "csr", "mode", "steps", "ticks", "stop"}) CHECK(v[key] == b[key]);
        REQUIRE(v["vms"].size() == 1);
        CHECK(v["stats"]["direct"].get<uint64_t>() + v["stats"]["emulated"].get<uint64_t>() ==
              v["steps"].get<uint64_t>());
    }
}

TEST_CASE("run --vmm: console input reaches the guest") {
    Run r = trapvm("run --vmm " + example("echo"), "through the monitor\n");
    CHECK(r.status == 0);
    CHECK(r.out == "through the monitor\n");
}

TEST_CASE("run --vmm with two VMs: prefixed lines, one VM's fatal trap ends only that VM") {
    Run r = trapvm("run --vmm " + example("hello") + " " + example("divzero") + " --state-json two.json");
    CHECK(r.status == 125);  // the first VM whose status is not 0
    CHECK(r.out.find("[vm0] Hello, world!\n") != std::string::npos);
    CHECK(r.out.find("[vm1] dividing 42 by 0...\n") != std::string::npos);
    CHECK(r.err.find("trapvm run: vm1: unhandled trap: DIVIDE") != std::string::npos);
    nlohmann::json s = state("two.json");
    REQUIRE(s["vms"].size() == 2);
    CHECK(s["vms"][0]["stop"]["reason"] == "halt");
    CHECK(s["vms"][1]["stop"]["reason"] == "unhandled-trap");
    CHECK(s["vms"][0]["region"]["base"] == 0);
    CHECK(s["vms"][1]["region"]["base"] == 1 << 20);
}

TEST_CASE("run --vmm: --max-steps limits each VM's guest instructions") {
    Run r = trapvm("run --vmm --max-steps 50 " + example("sum") + " --state-json limit.json");
    CHECK(r.status == 124);
    nlohmann::json s = state("limit.json");
    CHECK(s["stop"]["reason"] == "step-limit");
    CHECK(s["steps"] == 50);
}

TEST_CASE("run --vmm --stats prints the exit table and the share run directly") {
    Run r = trapvm("run --vmm --stats " + example("syscall"));
    CHECK(r.status == 0);
    CHECK(r.err.find("exits of all VMs") != std::string::npos);
    CHECK(r.err.find("(emulated)") != std::string::npos);
    CHECK(r.err.find("ran directly") != std::string::npos);
}

TEST_CASE("run --vmm: a one-instruction time slice changes nothing the guest can see") {
    Run normal = trapvm("run --vmm " + example("syscall") + " --state-json a.json");
    Run tiny = trapvm("run --vmm --quantum 1 " + example("syscall") + " --state-json b.json");
    CHECK(tiny.out == normal.out);
    nlohmann::json a = state("a.json"), b = state("b.json");
    for (const char* key : {"pc", "regs", "csr", "steps", "ticks", "stop"}) CHECK(a[key] == b[key]);
    CHECK(b["stats"]["exits"]["real TIMER (preemption)"] > 10);
}

TEST_CASE("run --vmm: bad monitor options are usage errors") {
    CHECK(trapvm("run --vmm --quantum 0 " + example("hello")).status == 2);
    CHECK(trapvm("run --vmm --quantum lots " + example("hello")).status == 2);
    Run big = trapvm("run --vmm --mem-size 200M " + example("hello") + " " + example("hello"));
    CHECK(big.status == 2);
    CHECK(big.err.find("more than 256M") != std::string::npos);
    CHECK(trapvm("run --stats " + example("hello")).status == 2);  // --stats needs --vmm
}
