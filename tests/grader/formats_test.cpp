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

// sample() and a test of three cases, partial credit: 10 points in shares
// of 3.34, 3.33, 3.33; the first and the last pass.
Results with_cases() {
    Results r = sample();
    r.max_score += 10;
    TestResult t{.name = "sum", .number = 5, .status = Status::Failed, .max_points = 10};
    std::vector<double> shares = case_shares(10, 3);
    for (size_t i = 0; i < 3; ++i) {
        bool passed = i != 1;
        t.cases.push_back({.name = "case " + std::to_string(i + 1),
                           .passed = passed,
                           .feedback = passed ? "" : "a0: expected 6, got 5",
                           .status = passed ? Status::Passed : Status::Failed,
                           .points = passed ? shares[i] : 0,
                           .max_points = shares[i],
                           .output = passed ? "passed" : "a0: expected 6, got 5\nhint: add"});
        t.points += t.cases.back().points;
    }
    t.output = "2 of 3 cases passed\ncase 2: a0: expected 6, got 5\nhint: add\n";
    t.seconds = 0.3, t.hint = "add";
    r.tests.push_back(t);
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

TEST_CASE("case shares: hundredths that add up to the test's points exactly") {
    CHECK(case_shares(10, 3) == std::vector<double>{3.34, 3.33, 3.33});
    CHECK(case_shares(10, 4) == std::vector<double>{2.5, 2.5, 2.5, 2.5});
    CHECK(case_shares(0, 2) == std::vector<double>{0, 0});
    CHECK(case_shares(1, 150)[99] == doctest::Approx(0.01));
    CHECK(case_shares(1, 150)[100] == 0);
    for (double points : {10.0, 7.5, 15.0, 1.0, 0.005, 33.33})
        for (size_t n : {1, 2, 3, 6, 7, 150}) {
            double sum = 0;
            for (double share : case_shares(points, n)) sum += share;
            CHECK(sum == doctest::Approx(points).epsilon(1e-12));
        }
}

TEST_CASE("Gradescope: one entry per case, named TEST / CASE, numbered N.I, the test's points split") {
    json g = json::parse(format_results(with_cases(), Format::Gradescope));
    REQUIRE(g["tests"].size() == 4 + 3);
    double max = 0;
    for (size_t i = 4; i < 7; ++i) {
        const json& t = g["tests"][i];
        CHECK(keys(t) == std::set<std::string>{"score", "max_score", "status", "name", "number", "output",
                                               "output_format", "visibility", "extra_data"});
        CHECK(t["name"] == "sum / case " + std::to_string(i - 3));
        CHECK(t["number"] == "5." + std::to_string(i - 3));
        CHECK(t["extra_data"]["test"] == "sum");
        CHECK(t["score"].get<double>() <= t["max_score"].get<double>());
        max += t["max_score"].get<double>();
    }
    CHECK(max == doctest::Approx(10));
    CHECK(g["tests"][5]["status"] == "failed");
    CHECK(g["tests"][5]["score"] == 0);
    CHECK(g["tests"][5]["output"] == "a0: expected 6, got 5\nhint: add");
    CHECK(g["tests"][6]["score"] == 3.33);
    CHECK(g["score"] == doctest::Approx(15 + 6.67));
}

TEST_CASE("PrairieLearn, JUnit, JSON and text: each case its own entry") {
    Results r = with_cases();
    json p = json::parse(format_results(r, Format::PrairieLearn));
    REQUIRE(p["tests"].size() == 2 + 3);
    CHECK(p["tests"][2]["name"] == "sum / case 1");
    CHECK(p["tests"][3]["points"] == 0);
    CHECK(p["tests"][3]["max_points"] == 3.33);
    CHECK(p["tests"][3]["message"] == "a0: expected 6, got 5");
    std::string x = format_results(r, Format::JUnit);
    CHECK(x.find("tests=\"7\" failures=\"2\" errors=\"0\" skipped=\"1\"") != std::string::npos);
    CHECK(x.find("<testcase classname=\"mini\" name=\"sum / case 2\" time=\"0.1\">") != std::string::npos);
    json j = json::parse(format_results(r, Format::Json));
    REQUIRE(j["tests"].size() == 7);
    CHECK(j["tests"][4]["test"] == "sum");
    CHECK(j["tests"][4]["case"] == "case 1");
    CHECK(j["tests"][4]["test_number"] == 5);
    CHECK(j["tests"][0]["case"] == "");
    std::string t = format_results(r, Format::Text);
    CHECK(t.find("[FAIL] 5. sum") != std::string::npos);
    CHECK(t.find("[FAIL] 5.2 case 2") != std::string::npos);
    CHECK(t.find("5.2 case 2                                      0/3.33\n                a0: expected 6, got 5\n") !=
          std::string::npos);
    CHECK(t.find("5.3 case 3                                      3.33/3.33\n         hint: add\n") !=
          std::string::npos);
}
