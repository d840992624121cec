// Results in each format, checked against the specs (ecosystem.md §2):
// field sets, value ranges, hidden tests, the size limit.
#include "grader/formats.hpp"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace {

using namespace trapvm::grader;
using json = nlohmann::json;

Results sample() {
    Results r;
    r.lab = "mini";
    r.max_score = 30;
    r.seed = 42;
    r.done = true;
    auto test = [&](std::string name, Visibility v, Status s, double points, double max) {
        TestResult t{.name = std::move(name), .number = r.tests.size() + 1, .visibility = v, .status = s};
        t.points = points, t.max_points = max,
        t.output = s == Status::Passed ? "passed" : "a0: expected 5, got 6\nhint: count";
        r.tests.push_back(t);
    };
    test("visible one", Visibility::Visible, Status::Passed, 10, 10);
    test("later <one> & \"quoted\"", Visibility::AfterDueDate, Status::Failed, 0, 10);
    test("hidden one", Visibility::Hidden, Status::Skipped, 5, 10);
    TestResult board{.name = "exits", .number = 4, .kind = TestKind::Leaderboard, .status = Status::Passed};
    board.value = 18, board.metric = "exits", board.order = "asc";
    r.tests.push_back(board);
    add_up(r);
    return r;
}

std::set<std::string> keys(const json& j) {
    std::set<std::string> out;
    for (auto it = j.begin(); it != j.end(); ++it) out.insert(it.key());
    return out;
}

}  // namespace

TEST_CASE("Gradescope: the spec's fields, one entry per test, visibilities and statuses from its sets") {
    json g = json::parse(format_results(sample(), Format::Gradescope));
    CHECK(g["score"] == 15);
    CHECK(g["tests"].size() == 4);
    const std::set<std::string> visibilities = {"hidden", "after_due_date", "after_published", "visible"};
    for (const json& t : g["tests"]) {
        CHECK(keys(t) == std::set<std::string>{"score", "max_score", "status", "name", "number", "output",
                                               "output_format", "visibility", "extra_data"});
        CHECK(visibilities.count(t["visibility"]));
        CHECK((t["status"] == "passed" || t["status"] == "failed"));
        CHECK(t["number"].is_string());
        CHECK(t["score"].get<double>() <= t["max_score"].get<double>());
    }
    CHECK(g["tests"][1]["visibility"] == "after_due_date");
    CHECK(g["tests"][2]["visibility"] == "hidden");
    CHECK(g["tests"][2]["status"] == "failed");  // skipped: not passed
    CHECK(visibilities.count(g["visibility"]));
    CHECK(g["execution_time"].is_number_integer());
    REQUIRE(g["leaderboard"].size() == 1);
    CHECK(keys(g["leaderboard"][0]) == std::set<std::string>{"name", "value", "order"});
    CHECK(g["leaderboard"][0]["order"] == "asc");
}

TEST_CASE("PrairieLearn: score in [0, 1], hidden tests left out, the test fields of the spec") {
    json p = json::parse(format_results(sample(), Format::PrairieLearn));
    CHECK(p["score"] == doctest::Approx(0.5));
    CHECK(p["gradable"] == true);
    CHECK(p["tests"].size() == 2);  // the visible one and the leaderboard value, not after_due_date or hidden
    for (const json& t : p["tests"]) {
        CHECK(keys(t) == std::set<std::string>{"name", "description", "points", "max_points", "message", "output"});
        CHECK(t["name"] != "hidden one");
    }
    Results none;
    none.max_score = 0;
    CHECK(json::parse(format_results(none, Format::PrairieLearn))["score"] == 0);
}

TEST_CASE("PrairieLearn: results.json stays under 1 MB whatever the tests printed") {
    Results r = sample();
    for (TestResult& t : r.tests) t.visibility = Visibility::Visible, t.output = std::string(400'000, 'x');
    for (int i = 0; i < 20; ++i) r.tests.push_back(r.tests[0]);
    std::string out = format_results(r, Format::PrairieLearn);
    CHECK(out.size() <= kPrairieLearnMaxBytes);
    CHECK(json::parse(out)["tests"].size() == r.tests.size());
}

TEST_CASE("PrairieLearn: a submission without its files is not gradable, with the reason") {
    Results r = sample();
    r.gradable = false;
    r.problems = {"the submission has no mini.s"};
    json p = json::parse(format_results(r, Format::PrairieLearn));
    CHECK(p["gradable"] == false);
    CHECK(p["format_errors"][0] == "the submission has no mini.s");
}

TEST_CASE("JUnit: counts, escaped names, failures and skips") {
    std::string x = format_results(sample(), Format::JUnit);
    CHECK(x.find("<testsuite name=\"mini\" tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\"") !=
          std::string::npos);
    CHECK(x.find("name=\"later &lt;one&gt; &amp; &quot;quoted&quot;\"") != std::string::npos);
    CHECK(x.find("<failure message=\"a0: expected 5, got 6\">") != std::string::npos);
    CHECK(x.find("<skipped message=") != std::string::npos);
    CHECK(x.find("<property name=\"seed\" value=\"42\"/>") != std::string::npos);
}

TEST_CASE("trapvm's own JSON keeps everything: seed, cases, statuses, the leaderboard value") {
    json j = json::parse(format_results(sample(), Format::Json));
    CHECK(j["seed"] == 42);
    CHECK(j["tests"][2]["status"] == "skipped");
    CHECK(j["tests"][3]["leaderboard"]["value"] == 18);
    CHECK(j["score"] == 15);
}
