// lab.yaml: every class of error at file:line:column, with what would be right.
#include "grader/spec.hpp"
#include "grader/yaml_reader.hpp"

#include <doctest/doctest.h>

#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using trapvm::grader::load_spec;

// A lab folder labs/NAME in a scratch toolkit, with lab.yaml = yaml and the
// test programs the yaml names.
struct ScratchLab {
    fs::path root = fs::temp_directory_path() / ("trapvm-spec-test-" + std::to_string(::getpid()));
    fs::path dir = root / "labs" / "t";
    explicit ScratchLab(const std::string& yaml) {
        fs::create_directories(dir / "tests");
        fs::create_directories(dir / "solution");
        std::ofstream(dir / "tests" / "a.s") << "_start: halt\n";
        std::ofstream(dir / "solution" / "f.s") << "f: ret\n";
        std::ofstream(dir / "lab.yaml") << yaml;
    }
    ~ScratchLab() { fs::remove_all(root); }
    std::vector<std::string> errors() const {
        std::vector<std::string> out;
        for (const auto& e : load_spec(dir.string()).errors) out.push_back(trapvm::grader::to_string(e));
        return out;
    }
};

const char* const kHead = "lab: t\npoints: 10\nfiles: [{name: f.s, solution: solution/f.s}]\ntests:\n";

bool has(const std::vector<std::string>& errors, const std::string& text) {
    for (const std::string& e : errors)
        if (e.find(text) != std::string::npos) return true;
    INFO("errors:");
    for (const std::string& e : errors) INFO(e);
    return false;
}

}  // namespace

TEST_CASE("a valid lab.yaml loads, with its tests, cases and defaults") {
    ScratchLab lab(
        std::string(kHead) +
        "  - name: one\n    points: 4\n    run: {program: tests/a.s}\n    expect: {stop: halt}\n"
        "  - name: two\n    points: 6\n    depends: [one]\n    scoring: partial\n    run: {program: tests/a.s}\n"
        "    cases:\n      - {defines: {N: 1}, expect: {regs: {a0: 0}}}\n"
        "      - {random: 3, draw: {N: [1, 9]}, expect: same_as_solution}\n");
    auto r = load_spec(lab.dir.string());
    REQUIRE(r.errors.empty());
    REQUIRE(r.spec->tests.size() == 2);
    CHECK(r.spec->tests[1].cases.size() == 1);
    CHECK(r.spec->tests[1].random.size() == 1);
    CHECK(r.spec->tests[1].random[0].count == 3);
    CHECK(r.spec->tests[1].partial);
}

TEST_CASE("a typo in a key is an error naming it at its line and column, with a did-you-mean") {
    ScratchLab lab(std::string(kHead) +
                   "  - name: one\n    points: 10\n    run: {program: tests/a.s}\n    expcet: {stop: halt}\n");
    CHECK(has(lab.errors(), "lab.yaml:8:5: error: unknown key 'expcet' in test 1: did you mean 'expect'?"));
}

TEST_CASE("points that do not add up are an error saying both sums") {
    ScratchLab lab(std::string(kHead) +
                   "  - name: one\n    points: 7\n    run: {program: tests/a.s}\n    expect: {stop: halt}\n");
    CHECK(has(lab.errors(), "lab.yaml:2:9: error: points: 10, but the tests' points add up to 7: make them equal"));
}

TEST_CASE("test names are unique") {
    ScratchLab lab(std::string(kHead) +
                   "  - {name: one, points: 5, run: {program: tests/a.s}, expect: {stop: halt}}\n"
                   "  - {name: one, points: 5, run: {program: tests/a.s}, expect: {stop: halt}}\n");
    auto errors = lab.errors();
    CHECK(has(errors, "lab.yaml:6:12: error: test name 'one' is used twice (first by test 1)"));
}

TEST_CASE("depends names an earlier test: later, unknown (with did-you-mean) and itself are errors") {
    ScratchLab lab(std::string(kHead) +
                   "  - {name: one, points: 2, depends: [two], run: {program: tests/a.s}, expect: {stop: halt}}\n"
                   "  - {name: two, points: 2, depends: [onw], run: {program: tests/a.s}, expect: {stop: halt}}\n"
                   "  - {name: six, points: 6, depends: [six], run: {program: tests/a.s}, expect: {stop: halt}}\n");
    auto errors = lab.errors();
    CHECK(has(errors, "depends: 'two' comes later: a test depends only on tests above it"));
    CHECK(has(errors, "depends: no test is named 'onw': did you mean 'one'?"));
    CHECK(has(errors, "test 'six' depends on itself"));
}

TEST_CASE("every referenced file exists") {
    ScratchLab lab(
        "lab: t\npoints: 10\nfiles: [{name: f.s, solution: solution/nope.s}]\ntests:\n"
        "  - {name: one, points: 10, run: {program: tests/missing.s, input_file: tests/in.txt}, expect: {stop: "
        "halt}}\n");
    auto errors = lab.errors();
    CHECK(has(errors, "file 'f.s': its solution"));
    CHECK(has(errors, "program tests/missing.s: no such file"));
    CHECK(has(errors, "input_file tests/in.txt: no such file"));
}

TEST_CASE("a test that expects nothing is an error: it would pass anything") {
    ScratchLab lab(std::string(kHead) + "  - {name: one, points: 10, run: {program: tests/a.s}}\n");
    CHECK(has(lab.errors(), "test 'one' (case 1) expects nothing, so it would pass anything: add expect:"));
}

TEST_CASE("bad values: registers, kinds, visibility, counts, properties") {
    ScratchLab lab(std::string(kHead) +
                   "  - {name: a, points: 2, visibility: secret, run: {program: tests/a.s}, expect: {regs: {a9: 1}}}\n"
                   "  - {name: b, points: 2, kind: magic, run: {program: tests/a.s}, expect: {stop: halt}}\n"
                   "  - {name: c, points: 2, max_steps: lots, run: {program: tests/a.s}, expect: {stop: halt}}\n"
                   "  - {name: d, points: 2, kind: trace, properties: [fast], run: {program: tests/a.s}}\n"
                   "  - {name: e, points: 2, kind: leaderboard, metric: joy, run: {program: tests/a.s}}\n"
                   "  - {name: f, points: 0, kind: trace, properties: [calling-convention], run: {program: tests/a.s, "
                   "vmm: true}}\n");
    auto errors = lab.errors();
    CHECK(has(errors, "visibility 'secret': expected one of visible, after_due_date, hidden"));
    CHECK(has(errors, "regs: no register is named 'a9'"));
    CHECK(has(errors, "kind 'magic': expected one of run, trace, equivalence"));
    CHECK(has(errors, "test max_steps: expected a count, e.g. 1000, 10k or 10M (M = million)"));
    CHECK(has(errors, "property 'fast': expected syscalls-return, calling-convention or no-innocuous-exits"));
    CHECK(has(errors, "metric 'joy': expected exits, steps or emulated"));
    CHECK(has(errors, "a leaderboard test is not scored: points: 0"));
    CHECK(has(errors, "a trace test watches one program on the bare machine: no vmm:, one program"));
}

TEST_CASE("not YAML at all: the parser's place") {
    ScratchLab lab("lab: t\ntests: [\n");
    auto errors = lab.errors();
    REQUIRE(!errors.empty());
    CHECK(errors[0].find("lab.yaml:3:1: error: not valid YAML") != std::string::npos);
}

TEST_CASE("the lab's name is its folder's") {
    ScratchLab lab(
        "lab: other\npoints: 1\ntests:\n  - {name: a, points: 1, run: {program: tests/a.s}, expect: {stop: halt}}\n");
    CHECK(has(lab.errors(), "lab: 'other', but the lab's folder is 't': make them equal"));
}

TEST_CASE("counts and integers as lab.yaml writes them") {
    using trapvm::grader::parse_integer, trapvm::grader::parse_quantity;
    CHECK(parse_quantity("10M", false) == 10'000'000u);
    CHECK(parse_quantity("64K", true) == 65536u);
    CHECK(parse_quantity("1MiB", true) == 1048576u);
    CHECK(!parse_quantity("1MiB", false));
    CHECK(parse_integer("-3") == -3);
    CHECK(parse_integer("0x1f") == 31);
    CHECK(!parse_integer("10M"));
    CHECK(trapvm::grader::did_you_mean("stdot", {"stdout", "status", "stop"}) == "stdout");
    CHECK(trapvm::grader::did_you_mean("zzzzzz", {"stdout", "status"}).empty());
}

TEST_CASE("vmm: takes a technique by its --vmm name, and max_exits needs the monitor") {
    ScratchLab good(std::string(kHead) +
                    "  - {name: one, points: 10, run: {program: tests/a.s, vmm: paravirt}, expect: {max_exits: 9}}\n");
    auto r = load_spec(good.dir.string());
    REQUIRE(r.errors.empty());
    CHECK(r.spec->tests[0].cases[0].run.vmm);
    CHECK(r.spec->tests[0].cases[0].run.technique == "paravirt");
    CHECK(r.spec->tests[0].cases[0].expect.max_exits == 9);
    ScratchLab bad(std::string(kHead) +
                   "  - {name: a, points: 5, run: {program: tests/a.s, vmm: xen}, expect: {stop: halt}}\n"
                   "  - {name: b, points: 5, run: {program: tests/a.s}, expect: {max_exits: 9}}\n");
    auto errors = bad.errors();
    CHECK(has(errors,
              "vmm: 'xen': expected true, false or a technique (trap-and-emulate"));  // ... every row of kTechniques
    CHECK(has(errors, "max_exits counts the monitor's exits: the run needs vmm: true or a technique"));
}
