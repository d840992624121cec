// One step numbering (trace/FORMAT.md, "Step numbers"): after `goto N` the
// debugger is before the instruction that `trapvm trace` records as step N,
// around syscalls, faults and timer interrupts, on the bare machine and for
// each VM under the monitor; and the run ends at the step count that
// `trapvm run --state-json` reports.
#include "session_util.hpp"

#include <sys/wait.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

using namespace trapvm;
using namespace trapvm::debug;
using namespace trapvm::debug::test;

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string read_text(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs `trapvm ARGS` in the source tree; returns what it wrote to FILE
// (the ARGS name it "@OUT@").
std::string trapvm_output(std::string args) {
    std::string pattern = (fs::temp_directory_path() / "trapvm-numbering-XXXXXX").string();
    fs::path dir = ::mkdtemp(pattern.data());
    std::string out = (dir / "out").string();
    args.replace(args.find("@OUT@"), 5, "'" + out + "'");
    std::string command = "cd '" TRAPVM_SOURCE_DIR "' && '" TRAPVM_EXE "' " + args + " >/dev/null 2>&1 </dev/null";
    int status = std::system(command.c_str());
    INFO(command);
    REQUIRE(WIFEXITED(status));
    std::string text = read_text(out);
    fs::remove_all(dir);
    return text;
}

struct TraceStep {
    uint32_t pc = 0;
    std::string mode;
};

struct Trace {
    std::map<std::pair<int, uint64_t>, TraceStep> steps;  // (vm, step) -> its record
    std::vector<std::pair<int, uint64_t>> traps;          // (vm, step) of each trap and interrupt
    std::map<int, uint64_t> end_steps;
};

Trace read_trace(const std::string& jsonl) {
    Trace trace;
    std::istringstream lines(jsonl);
    for (std::string line; std::getline(lines, line);) {
        json r = json::parse(line);
        if (!r.contains("type")) continue;  // the header
        int vm = r.value("vm", 0);
        std::string type = r["type"];
        if (type == "step") trace.steps[{vm, r["step"]}] = {r["pc"], r["mode"]};
        if (type == "trap" || type == "interrupt") trace.traps.push_back({vm, r["step"]});
        if (type == "end") trace.end_steps[vm] = r["steps"];
    }
    return trace;
}

// Each VM's `steps` in --state-json (the bare machine's: VM 0).
std::vector<uint64_t> state_json_steps(const std::string& args) {
    json state = json::parse(trapvm_output("run " + args + " --state-json @OUT@"));
    if (!state.contains("vms")) return {state["steps"]};
    std::vector<uint64_t> steps;
    for (const json& vm : state["vms"]) steps.push_back(vm["steps"]);
    return steps;
}

// goto N around every trap and interrupt of the trace: the debugger must be
// at trace step N's instruction, and show "step N".
void check_goto_matches_trace(const Options& o, const std::string& args) {
    Trace trace = read_trace(trapvm_output("trace " + args + " --format jsonl -o @OUT@"));
    REQUIRE(trace.traps.size() >= 3);
    std::ostringstream out;
    auto s = make_session(o, out);
    size_t checked = 0;
    for (auto [vm, trap_step] : trace.traps)
        for (uint64_t n = trap_step >= 3 ? trap_step - 3 : 0; n <= trap_step + 3; ++n) {
            auto record = trace.steps.find({vm, n});
            if (record == trace.steps.end()) continue;
            std::string command = "goto " + (o.vmm ? "vm" + std::to_string(vm) + ":" : "") + std::to_string(n);
            std::string shown = run(*s, out, command);
            INFO(command, " -> ", shown);
            REQUIRE(!s->timeline().at_end());
            CHECK(s->vm() == vm);
            CHECK(s->timeline().step(vm) == n);
            CHECK(s->world().cpu(vm).pc == record->second.pc);
            CHECK((s->world().system_mode(vm) ? "system" : "user") == record->second.mode);
            std::string location = shown.substr(shown.rfind("=> "));  // after any console output
            CHECK(location.starts_with("=> step " + std::to_string(n) + "  "));
            ++checked;
        }
    CHECK(checked > 5 * trace.traps.size());
    s->execute("goto 1000000000");  // past the end
    REQUIRE(s->timeline().at_end());
    std::vector<uint64_t> state_steps = state_json_steps(args);
    REQUIRE(static_cast<int>(state_steps.size()) == s->vm_count());
    for (int vm = 0; vm < s->vm_count(); ++vm) {
        INFO("vm ", vm);
        CHECK(s->timeline().step(vm) == state_steps[static_cast<size_t>(vm)]);
        CHECK(s->timeline().step(vm) == trace.end_steps[vm]);
    }
}

Options sized(Options o) {
    o.memory_size = 1u << 20;  // as trapvm's default
    return o;
}

}  // namespace

TEST_CASE("numbering: goto N is trace step N across syscalls, a fault and timer interrupts, bare") {
    check_goto_matches_trace(sized(bare("tests/debug/programs/kernel.s")), "tests/debug/programs/kernel.s");
}

TEST_CASE("numbering: goto N is trace step N across every exception kind, bare") {
    check_goto_matches_trace(sized(bare("tests/vmm/programs/faults_kernel.s")), "tests/vmm/programs/faults_kernel.s");
}

TEST_CASE("numbering: goto vmK:N is VM K's trace step N, two VMs under the monitor") {
    check_goto_matches_trace(
        sized(monitor({"tests/debug/programs/kernel.s", "tests/vmm/programs/faults_kernel.s"}, 50)),
        "--vmm tests/debug/programs/kernel.s tests/vmm/programs/faults_kernel.s --quantum 50");
}

TEST_CASE("numbering: the run of the guest OS ends at --state-json's steps, bare and under the monitor") {
    std::string path = TRAPVM_BINARY_DIR "/guest-os/boot-crunch.img";
    std::vector<uint8_t> bytes;
    std::string text = read_text(path);
    bytes.assign(text.begin(), text.end());
    std::string error;
    std::optional<Image> image = read_image(bytes, &error);
    INFO(path, ": ", error);
    REQUIRE(image);
    for (bool vmm : {false, true}) {
        Options o = sized(vmm ? monitor({}, 20000) : bare(""));
        o.programs.clear();
        o.images = {*image};
        std::ostringstream out;
        auto s = make_session(o, out);
        s->execute("continue");
        REQUIRE(s->timeline().at_end());
        INFO("under the monitor: ", vmm);
        CHECK(s->timeline().step(0) == state_json_steps((vmm ? "--vmm '" : "'") + path + "'")[0]);
    }
}
