// trapvm trace and trapvm diff as commands: golden traces (check a new one
// by eye: TRAPVM_UPDATE_GOLDEN=1 rewrites them), where output goes, and
// exit statuses.
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

const std::string kPrograms = std::string(TRAPVM_SOURCE_DIR) + "/tests/trace/programs";
const std::string kGolden = std::string(TRAPVM_SOURCE_DIR) + "/tests/trace/golden";

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// A scratch folder for one test, removed afterwards.
struct Scratch {
    fs::path dir;
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "trapvm-trace-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
    }
    ~Scratch() { fs::remove_all(dir); }
    std::string operator/(const std::string& name) const { return (dir / name).string(); }
};

struct Result {
    int status = -1;
    std::string out, err;
};

// Runs `trapvm ARGS` in the test programs' folder, stdin empty.
Result trapvm(const std::string& args) {
    Scratch scratch;
    std::string command = "cd '" + kPrograms + "' && '" TRAPVM_EXE "' " + args + " >'" + scratch / "out" + "' 2>'" +
                          scratch / "err" + "' </dev/null";
    int raw = std::system(command.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read(scratch / "out");
    r.err = read(scratch / "err");
    return r;
}

// Runs `trapvm ARGS | FILTER`: FILTER, a shell pipeline, reads the trace;
// its output is out, trapvm's stderr err.
Result trapvm_into(const std::string& args, const std::string& filter) {
    Scratch scratch;
    std::string command = "cd '" + kPrograms + "' && '" TRAPVM_EXE "' " + args + " </dev/null 2>'" + scratch / "err" +
                          "' | " + filter + " >'" + scratch / "out" + "'";
    int raw = std::system(command.c_str());
    Result r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read(scratch / "out");
    r.err = read(scratch / "err");
    return r;
}

void check_golden(const std::string& name, const std::string& text) {
    fs::path path = fs::path(kGolden) / name;
    if (std::getenv("TRAPVM_UPDATE_GOLDEN")) std::ofstream(path, std::ios::binary) << text;
    INFO("golden file ", path.string(), " (TRAPVM_UPDATE_GOLDEN=1 rewrites it)");
    CHECK(text == read(path));
}

}  // namespace

TEST_CASE("trace: golden text traces, bare and under the monitor") {
    struct Case {
        const char* args;
        const char* golden;
    } cases[] = {{"trace syscall.s", "syscall.bare.txt"},
                 {"trace --vmm syscall.s", "syscall.vmm.txt"},
                 {"trace tick.s", "tick.bare.txt"},
                 {"trace --vmm tick.s", "tick.vmm.txt"},
                 {"trace --vmm tick.s syscall.s --quantum 9 --to 12", "two_vms.vmm.txt"},
                 {"trace --vmm syscall.s --only traps", "syscall.traps.vmm.txt"}};
    for (const Case& c : cases) {
        Result r = trapvm(c.args);
        INFO(c.args, "\n", r.err);
        CHECK(r.status == 0);
        check_golden(c.golden, r.out);
    }
}

TEST_CASE("trace: a golden JSON Lines trace") {
    Result r = trapvm("trace --vmm syscall.s --format jsonl");
    CHECK(r.status == 0);
    check_golden("syscall.vmm.jsonl", r.out);
}

TEST_CASE("trace: the console goes to stderr while the trace is on stdout, else to stdout") {
    Result r = trapvm("trace syscall.s --only traps");
    CHECK(r.err == "K");
    Scratch s;
    r = trapvm("trace syscall.s -o '" + s / "t.jsonl" + "'");
    CHECK(r.status == 0);
    CHECK(r.out == "K");
    CHECK(r.err == "");
    CHECK(read(s / "t.jsonl").rfind("{\"format\":\"trapvm-trace\",\"version\":1,", 0) == 0);  // jsonl by its name
    r = trapvm("run syscall.s");
    CHECK(r.out == "K");
}

TEST_CASE("trace: run --trace writes the same trace, trace options need it") {
    CHECK(trapvm("run --trace --vmm syscall.s").out == trapvm("trace --vmm syscall.s").out);
    Result r = trapvm("run --from 3 syscall.s");
    CHECK(r.status == 2);
    CHECK(r.err.rfind("trapvm run: error: --from is a trace option: it needs --trace\n", 0) == 0);
}

TEST_CASE("trace: exit statuses and --state-json are those of run") {
    Scratch s;
    Result r = trapvm("trace --vmm syscall.s tick.s --max-steps 20 --state-json '" + s / "state.json" + "' -o '" +
                      s / "t.txt" + "'");
    CHECK(r.status == 124);
    CHECK(r.err.find("trapvm trace: vm0: stopped at the step limit (--max-steps)") != std::string::npos);
    CHECK(read(s / "state.json").find("\"reason\": \"step-limit\"") != std::string::npos);
    CHECK(read(s / "t.txt").find("== vm1 end after 13 steps: halt at 00000020") != std::string::npos);
    CHECK(trapvm("trace missing.s").status == 66);
    CHECK(trapvm("trace --vmm syscall.s --vm 2").status == 2);
    CHECK(trapvm("trace syscall.s --vm 0").status == 2);
    CHECK(trapvm("trace syscall.s --only kernel").status == 2);
    CHECK(trapvm("trace syscall.s --from 9 --to 3").status == 2);
    CHECK(trapvm("trace syscall.s --format xml").status == 2);
    CHECK(trapvm("trace syscall.s -o /nonexistent/dir/t.txt").status == 73);
    std::ofstream(s / "bad.s") << "  bogus x\n";
    CHECK(trapvm("trace '" + s / "bad.s" + "'").status == 65);
}

// A runaway program must not fill the disk with its trace: whole records up
// to the budget, then the run stops; the end record says why.
TEST_CASE("trace: --max-trace stops the run when the trace is full") {
    Scratch s;
    std::ofstream(s / "forever.s") << "_start: addi a0, a0, 1\n        j _start\n";
    for (const char* format : {"text", "jsonl"}) {
        CAPTURE(format);
        Result r = trapvm(std::string("trace '") + s / "forever.s" + "' --max-trace 2K --format " + format +
                          " --state-json '" + s / "state.json" + "'");
        CHECK(r.status == 122);
        CHECK(r.err.find("trapvm trace: the trace reached its limit (--max-trace): stopped at pc") == 0);
        CHECK(read(s / "state.json").find("\"reason\": \"trace-limit\"") != std::string::npos);
        size_t last = r.out.rfind('\n', r.out.size() - 2);
        std::string end = r.out.substr(last + 1);
        CHECK(end.find(format == std::string("text") ? "end after" : "\"type\":\"end\"") != std::string::npos);
        CHECK(end.find("trace-limit") != std::string::npos);
        CHECK(r.out.size() - end.size() <= 2048 + 200);  // the budget, plus the header
        CHECK(r.out.size() - end.size() > 1024);
    }
    Result vmm =
        trapvm(std::string("run --vmm --trace '") + s / "forever.s" + "' syscall.s --max-trace 4K -o /dev/null");
    CHECK(vmm.status == 122);
    CHECK(vmm.err.find("vm0: the trace reached its limit") != std::string::npos);
    CHECK(trapvm("trace syscall.s --max-trace 100K").status == 0);  // room to spare: the whole run
    CHECK(trapvm("run syscall.s --max-trace 1K").status == 2);      // a trace option: needs --trace
}

TEST_CASE("diff: a bare and a monitored trace of one program are equivalent") {
    Scratch s;
    REQUIRE(trapvm("trace syscall.s -o '" + s / "bare.jsonl" + "'").status == 0);
    REQUIRE(trapvm("trace --vmm syscall.s --quantum 5 --format jsonl -o '" + s / "vmm.out" + "'").status == 0);
    Result r = trapvm("diff '" + s / "bare.jsonl" + "' '" + s / "vmm.out" + "'");
    CHECK(r.status == 0);
    CHECK(r.out == "equivalent: 58 guest-visible records compared (56 instructions, 2 traps and interrupts)\n");
    r = trapvm("diff --bare-vs-vmm syscall.s");
    CHECK(r.status == 0);
    CHECK(r.out.rfind("equivalent: 58 guest-visible records compared (bare and vmm)", 0) == 0);
}

TEST_CASE("diff: two runs with different input differ where the input is read") {
    Scratch s;
    std::ofstream(s / "ab") << "ab";
    std::ofstream(s / "ac") << "ac";
    REQUIRE(trapvm("trace echo.s --input '" + s / "ab" + "' -o '" + s / "ab.jsonl" + "'").status == 0);
    REQUIRE(trapvm("trace --vmm echo.s --input '" + s / "ac" + "' -o '" + s / "ac.jsonl" + "'").status == 0);
    Result r = trapvm("diff '" + s / "ab.jsonl" + "' '" + s / "ac.jsonl" + "'");
    CHECK(r.status == 1);
    std::string report = r.out.substr(r.out.find('\n', r.out.find("  B: ")) + 1);  // without the temporary names
    check_golden("echo.diff.txt", r.out.substr(0, r.out.find('\n') + 1) + report);
}

TEST_CASE("diff: exit statuses") {
    Scratch s;
    REQUIRE(trapvm("trace syscall.s -o '" + s / "a.jsonl" + "'").status == 0);
    REQUIRE(trapvm("trace --vmm syscall.s tick.s -o '" + s / "two.jsonl" + "'").status == 0);
    std::string a = "'" + s / "a.jsonl" + "'", two = "'" + s / "two.jsonl" + "'";
    CHECK(trapvm("diff " + a).status == 2);
    CHECK(trapvm("diff " + a + " " + two).status == 2);  // two VMs: which one?
    CHECK(trapvm("diff " + a + " " + two + " --vm 0").status == 0);
    CHECK(trapvm("diff " + a + " " + two + " --vm vm1").status == 1);
    CHECK(trapvm("diff " + a + " " + two + " --vm 2").status == 2);
    CHECK(trapvm("diff " + a + " nothere.jsonl").status == 66);
    CHECK(trapvm("diff " + a + " syscall.s").status == 65);
    std::ofstream(s / "cut.jsonl") << read(s / "a.jsonl").substr(0, 2000);  // a record cut in half
    Result r = trapvm("diff " + a + " '" + s / "cut.jsonl" + "'");
    CHECK(r.status == 65);
    CHECK(r.err.find("cut.jsonl:") != std::string::npos);
    CHECK(r.err.find(": not valid JSON\n") != std::string::npos);
    CHECK(trapvm("diff --bare-vs-vmm").status == 2);
    CHECK(trapvm("diff --bare-vs-vmm missing.s").status == 66);
    CHECK(trapvm("diff " + a + " " + a + " --input x").status == 2);
}

TEST_CASE("trace: every exit --stats counts appears in the trace, virtual timer deadlines included") {
    Scratch scratch;
    // A kernel whose timer interrupts its user program while it runs directly.
    std::string program = std::string(TRAPVM_SOURCE_DIR) + "/tests/vmm/programs/timer_kernel.s";
    Result r = trapvm("trace --vmm " + program + " --format jsonl -o '" + scratch / "t.jsonl" + "' --state-json '" +
                      scratch / "s.json" + "'");
    REQUIRE(r.status == 7);
    std::string trace = read(scratch / "t.jsonl"), state = read(scratch / "s.json");
    auto count = [](const std::string& text, const std::string& what) {
        size_t n = 0;
        for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    };
    size_t deadlines = count(trace, "\"decision\":\"deadline\"");
    CHECK(deadlines > 0);
    CHECK(state.find("\"virtual timer deadline\": " + std::to_string(deadlines)) != std::string::npos);
    size_t total = state.find("\"total_exits\": ");
    REQUIRE(total != std::string::npos);
    CHECK(count(trace, "\"type\":\"exit\"") == std::stoul(state.substr(total + 15)));
}

// The guest OS's user programs keep their names (.incimage): every user
// instruction of boot-mix is named by its program's own symbols and lines,
// whichever region the kernel loaded it into, bare and under the monitor.
TEST_CASE("trace: guest OS user code is named by its own program at any rbase") {
    const std::string image = std::string(TRAPVM_BINARY_DIR) + "/guest-os/boot-mix.img";
    for (const char* mode : {"", "--vmm "}) {
        CAPTURE(mode);
        std::string trace = "trace " + std::string(mode) + "'" + image + "' --only user";
        // main of the two count processes, at user address 0x27c in two regions
        Result entries = trapvm_into(trace, "grep -Ec '0000027c  addi sp, sp, -12 +main +count.s:10$'");
        CHECK(entries.out == "2\n");
        // no user instruction without a symbol and a source line
        Result unnamed =
            trapvm_into(trace, "grep -E '^ +[0-9]+ v?U ' | grep -Evc ' [a-z_]+(\\+0x[0-9a-f]+)? +[a-z]+\\.s:[0-9]+$'");
        CHECK(unnamed.out == "0\n");
    }
}

// --only traps is readable on its own: each exit says which instruction it
// was, where, what it touched and why the monitor decided so; each trap
// lists the trap sequence's writes.
TEST_CASE("trace: only traps names each exit and what it touched") {
    const std::string image = std::string(TRAPVM_BINARY_DIR) + "/guest-os/boot-mix.img";
    Result r = trapvm("trace --vmm '" + image + "' --only traps --to 55500");
    CHECK(r.status == 0);
    for (const char* line : {">> exit PRIVILEGED at step 55021, pc 00000034: emulate out\n"
                             "        >>   out TIMER_INTERVAL, t0 at _start+0x34 (boot.s:29)\n"
                             "        >>   why: virtual system mode: the monitor runs it for the guest\n"
                             "        >>   out TIMER_INTERVAL: 00001388\n",
                             ">>   csrr t0, epsw at trap_entry+0x4 (trap.s:27)\n"
                             "        >>   why: virtual system mode: the monitor runs it for the guest\n"
                             "        >>   read epsw: 00000002\n",
                             "  55479 vU 00000020  ==> trap SYSCALL         write+0x4       ulib.s:30\n"
                             "                     epc: 00000000 -> 00000020\n",
                             ">> exit SYSCALL at step 55479, pc 00000020: reflect\n"
                             "        >>   at write+0x4 (ulib.s:30)\n"
                             "        >>   why: a SYSCALL is the guest's own trap: its kernel takes it\n"}) {
        INFO(line);
        CHECK(r.out.find(line) != std::string::npos);
    }
    Result jsonl =
        trapvm_into("trace --vmm '" + image + "' --only traps --to 55500 --format jsonl", "grep '\"step\":55480,'");
    CHECK(jsonl.out.find("\"asm\":\"csrr t0, epsw\",\"access\":{\"csr\":\"epsw\",\"dir\":\"read\",\"value\":2},"
                         "\"sym\":\"trap_entry+0x4\",\"src\":\"trap.s:27\",\"why\":\"virtual system mode: the monitor "
                         "runs it for the guest\"}") != std::string::npos);
}
