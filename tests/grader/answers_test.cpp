// The virtualizability lab's test kinds: lab.yaml's profile:, vmm: KIND,
// diverges_at:, kind answers and kind manual; answers files read and judged
// against the checker's measurement; a manual test in every format.
#include "grader/answers.hpp"
#include "grader/formats.hpp"
#include "grader/spec.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <filesystem>
#include <fstream>

namespace {

namespace fs = std::filesystem;
using namespace trapvm;
using namespace trapvm::grader;

struct ScratchLab {
    fs::path root = fs::temp_directory_path() / ("trapvm-answers-test-" + std::to_string(::getpid()));
    fs::path dir = root / "labs" / "t";
    explicit ScratchLab(const std::string& yaml) {
        fs::create_directories(dir / "tests");
        fs::create_directories(dir / "solution");
        std::ofstream(dir / "tests" / "a.s") << "_start: halt\n";
        std::ofstream(dir / "solution" / "answers.txt") << "# >>> lab t: x\n# <<< lab t\n";
        std::ofstream(dir / "lab.yaml") << yaml;
    }
    ~ScratchLab() { fs::remove_all(root); }
    LoadResult load() const { return load_spec(dir.string()); }
    std::string errors() const {
        std::string out;
        for (const auto& e : load().errors) out += to_string(e) + "\n";
        return out;
    }
};

const char* const kHead = "lab: t\npoints: 10\nfiles: [{name: answers.txt, solution: solution/answers.txt}]\ntests:\n";

const pg32::ProfileInfo& profile_a() { return *pg32::profile_by_name("lab-virt-a"); }

const properties::ClassifyReport& measured_a() {
    static const properties::ClassifyReport r = properties::classify({&profile_a(), 1, 200});
    return r;
}

}  // namespace

TEST_CASE("profile: and vmm: KIND are read, recorded per test, and checked against the tables") {
    ScratchLab good(
        std::string("lab: t\nprofile: jrst1\npoints: 10\ntests:\n") +
        "  - name: one\n    points: 10\n    kind: equivalence\n    run: {program: tests/a.s, vmm: hybrid}\n");
    LoadResult r = good.load();
    REQUIRE(r.errors.empty());
    CHECK(r.spec->profile_of(r.spec->tests[0]) == "jrst1");
    CHECK(r.spec->tests[0].cases[0].run.technique == "hybrid");
    Results results = initial_results(*r.spec, "sub", 1);
    CHECK(results.tests[0].profile == "jrst1");
    CHECK(results.tests[0].technique == "hybrid");

    ScratchLab bad(
        std::string("lab: t\nprofile: jrst\npoints: 10\ntests:\n") +
        "  - name: one\n    points: 10\n    run: {program: tests/a.s, vmm: hybird}\n    expect: {stop: halt}\n");
    std::string e = bad.errors();
    CHECK(e.find("profile 'jrst': no such ISA profile (isa-spec/tables/profiles.tbl): did you mean 'jrst1'?") !=
          std::string::npos);
    CHECK(e.find("vmm: 'hybird': expected true, false or a technique") != std::string::npos);
    CHECK(e.find("did you mean 'hybrid'?") != std::string::npos);
}

TEST_CASE("an equivalence test takes vmm: KIND but not vmm: true and diverges_at names an instruction of the profile") {
    ScratchLab lab(std::string("lab: t\nprofile: leaky-r\npoints: 10\ntests:\n") +
                   "  - name: one\n    points: 5\n    kind: equivalence\n    run: {program: tests/a.s, vmm: true}\n"
                   "  - name: two\n    points: 5\n    kind: equivalence\n    diverges_at: rdpsw\n"
                   "    run: {program: tests/a.s, vmm: hybrid}\n");
    std::string e = lab.errors();
    CHECK(e.find("vmm: only to name a technique (vmm: hybrid)") != std::string::npos);
    CHECK(e.find("diverges_at: 'rdpsw' is no instruction of profile leaky-r") != std::string::npos);
}

TEST_CASE("answers and manual tests: what they read is a submission file, what they grade is known") {
    ScratchLab lab(
        std::string(kHead) +
        "  - {name: a, points: 4, kind: answers, answers: answers.txt, profile: lab-virt-a, grade: classes}\n"
        "  - {name: b, points: 2, kind: answers, answers: other.txt, profile: lab-virt-a, grade: clases}\n"
        "  - {name: c, points: 2, kind: answers, answers: answers.txt, grade: theorems}\n"
        "  - {name: d, points: 2, kind: manual, file: essay.md}\n");
    std::string e = lab.errors();
    CHECK(e.find("answers: 'other.txt' is not one of files:") != std::string::npos);
    CHECK(e.find("grade: 'clases': expected classes, theorems or divergence") != std::string::npos);
    CHECK(e.find("an answers test grades a flawed profile's answers: give profile:") != std::string::npos);
    CHECK(e.find("file: 'essay.md' is not one of files:") != std::string::npos);
    CHECK(e.find("test 1") == std::string::npos);  // the first is right

    ScratchLab ok(std::string(kHead) +
                  "  - {name: a, points: 4, kind: answers, answers: answers.txt, profile: lab-virt-a, grade: classes}\n"
                  "  - {name: d, points: 6, kind: manual, file: answers.txt}\n");
    LoadResult r = ok.load();
    REQUIRE(r.errors.empty());
    CHECK(r.spec->tests[0].partial);  // per instruction by default
    Results results = initial_results(*r.spec, "sub", 1);
    CHECK(results.max_score == 4);
    CHECK(results.by_hand_points == 6);
    CHECK(results.tests[1].status == Status::ByHand);
}

TEST_CASE("an answers file that cannot be read says where and what was expected") {
    Answers a = parse_answers(
        "rdppc innocuous\n"
        "profile lab-virt-z\nrdppc innocuous\n"
        "profile lab-virt-a\nrdppc sensitive\nrdppc\nadd innocuous\n"
        "cpuid innocuous\ncpuid innocuous  # twice\ntheorem1 maybe\ndivergence x rdppc\n",
        "answers.txt");
    REQUIRE(a.errors.size() == 8);
    CHECK(a.errors[0] == "answers.txt:1: 'rdppc' before any 'profile NAME' line: say whose answers these are");
    CHECK(a.errors[1].starts_with("answers.txt:2: no flawed profile is named 'lab-virt-z' (the lab's: lab-virt-a"));
    CHECK(a.errors[2].starts_with("answers.txt:5: 'sensitive' is not a class:"));
    CHECK(a.errors[3] == "answers.txt:6: expected 'rdppc CLASS'");
    CHECK(
        a.errors[4].starts_with("answers.txt:7: 'add' is not an instruction profile lab-virt-a adds (its own: "
                                "rdppc, rdubase, cpuid)"));
    CHECK(a.errors[5] == "answers.txt:9: cpuid is answered twice (first at line 8)");
    CHECK(a.errors[6] == "answers.txt:10: theorem1: expected holds or fails, not 'maybe'");
    CHECK(a.errors[7] == "answers.txt:11: divergence: the step is a number (as trapvm diff prints it)");
}

TEST_CASE("classes are judged against the checker's measurement, per instruction, in any spelling order") {
    Answers a = parse_answers(
        "profile lab-virt-a\nrdppc unprivileged:location\n"
        "rdubase unprivileged:location\n",
        "answers.txt");
    REQUIRE(a.errors.empty());
    std::vector<CaseResult> cases = judge_classes(a, profile_a(), measured_a(), "answers.txt", false);
    REQUIRE(cases.size() == 3);
    CHECK(cases[0].passed);
    CHECK_FALSE(cases[1].passed);
    CHECK(cases[1].feedback == "answers.txt:3: rdubase unprivileged:location: not the class trapvm check measures");
    CHECK(cases[2].feedback == "no answer: a line 'cpuid CLASS' after 'profile lab-virt-a' in answers.txt");
    std::string truth;
    for (const properties::InsnVerdict& v : measured_a().instructions)
        if (std::string(pg32::info(v.op).mnemonic) == "rdubase") truth = properties::class_text(v.measured);
    std::vector<CaseResult> revealed = judge_classes(a, profile_a(), measured_a(), "answers.txt", true);
    CHECK(revealed[1].feedback.ends_with("(it measures " + truth + ")"));
}

TEST_CASE("theorems and the divergence judged: the scores are shares of the cases") {
    Answers a = parse_answers("profile lab-virt-a\ntheorem1 fails\ntheorem3 holds\ndivergence 12 rdubase\n", "ans");
    REQUIRE(a.errors.empty());
    std::vector<CaseResult> t = judge_theorems(a, profile_a(), measured_a(), "ans", false);
    REQUIRE(t.size() == 2);
    CHECK(t[0].passed == !measured_a().theorem1.holds);
    CHECK(t[1].passed == measured_a().theorem3.holds);
    std::vector<CaseResult> d = judge_divergence(a, profile_a(), {{"step", 12}, {"mnemonic", "rdppc"}}, "ans", true);
    CHECK(d[0].passed);
    CHECK(d[1].feedback == "ans:4: rdubase is not the instruction at the first divergence (it is rdppc)");
    Test test{.name = "x", .points = 10, .partial = true, .answers = "ans"};
    TestResult r;
    score_answers(test, d, {}, r);
    CHECK(r.points == 5);
    CHECK(r.output.starts_with("1 of 2 right\nthe instruction: ans:4:"));
    score_answers(test, d, {"ans:1: bad"}, r);
    CHECK(r.points == 0);
    CHECK(r.output == "ans cannot be graded:\nans:1: bad\n");
}

TEST_CASE("a manual test in every format: its points are not in the automatic score, and it says so") {
    Results r;
    r.lab = "virt";
    r.max_score = 10;
    r.by_hand_points = 20;
    r.done = true;
    TestResult auto_test{.name = "auto", .number = 1, .status = Status::Passed, .points = 10, .max_points = 10};
    TestResult hand{.name = "essay", .number = 2, .kind = TestKind::Manual, .status = Status::ByHand};
    hand.max_points = 20, hand.output = "your instructor grades written.md by hand (received: 5 bytes)";
    r.tests = {auto_test, hand};
    add_up(r);
    nlohmann::json g = nlohmann::json::parse(format_results(r, Format::Gradescope));
    CHECK(g["score"] == 10);
    CHECK(g["tests"][1]["max_score"] == 0);
    CHECK_FALSE(g["tests"][1].contains("status"));
    CHECK(g["tests"][1]["name"] == "essay (graded by hand, 20 points)");
    CHECK(g["tests"][1]["extra_data"]["by_hand_points"] == 20);
    nlohmann::json p = nlohmann::json::parse(format_results(r, Format::PrairieLearn));
    CHECK(p["score"] == 1);
    CHECK(p["tests"][1]["max_points"] == 0);
    CHECK(p["message"].get<std::string>().find("Graded by hand: 20 more points, not in this score") !=
          std::string::npos);
    nlohmann::json own = nlohmann::json::parse(format_results(r, Format::Json));
    CHECK(own["tests"][1]["status"] == "graded-by-hand");
    CHECK(own["by_hand_points"] == 20);
    CHECK(format_results(r, Format::JUnit).find("<skipped message=\"graded by hand") != std::string::npos);
    std::string text = format_results(r, Format::Text);
    CHECK(text.find("[hand] 2. essay") != std::string::npos);
    CHECK(text.find("-/20") != std::string::npos);
}
