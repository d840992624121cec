// The formats of results (see formats.hpp).
#include "grader/formats.hpp"

#include "grader/expect.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace trapvm::grader {

namespace {

using json = nlohmann::ordered_json;

std::string dump(const json& j) { return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; }

double rounded(double v) { return std::round(v * 1e6) / 1e6; }

// 10, 7.5, 3.333333: points as people write them.
std::string number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", rounded(v));
    return text;
}

// What a student reads above the tests: the submission's problems, the
// grader's failure, the seed.
std::string summary(const Results& r) {
    std::string out;
    if (!r.grader_error.empty()) out += "The grader failed: " + r.grader_error + "\n";
    for (const std::string& p : r.problems) out += p + "\n";
    if (!r.done) out += "Grading is not finished: these are partial results.\n";
    out += "Score: " + number(r.score) + " / " + number(r.max_score) + " (random inputs from seed " +
           std::to_string(r.seed) + ")\n";
    if (r.by_hand_points > 0)
        out += "Graded by hand: " + number(r.by_hand_points) + " more points, not in this score\n";
    return out;
}

// A manual test's text in every format: it has points, but not from here.
std::string by_hand(const TestResult& t) {
    return "graded by hand, not by the autograder: its " + number(t.max_points) +
           " points are not in the automatic score. " + t.output;
}

// Where a test ran: its profile and technique, for the formats' extra fields.
void add_runs(json& j, const TestResult& t) {
    j["profile"] = t.profile;
    if (!t.technique.empty()) j["technique"] = t.technique;
}

json own_json(const Results& r) {
    json tests = json::array();
    for (const TestResult& t : r.tests) {
        json cases = json::array();
        for (const CaseResult& c : t.cases)
            cases.push_back({{"name", c.name}, {"passed", c.passed}, {"feedback", cut(c.feedback, kMaxTestOutput)}});
        json entry = {{"number", t.number},
                      {"name", t.name},
                      {"kind", name_of(t.kind)},
                      {"visibility", name_of(t.visibility)},
                      {"status", name_of(t.status)},
                      {"points", rounded(t.points)},
                      {"max_points", t.max_points},
                      {"output", cut(t.output, kMaxTestOutput)},
                      {"seconds", rounded(t.seconds)},
                      {"cases", cases}};
        if (t.value) entry["leaderboard"] = {{"metric", t.metric}, {"value", *t.value}, {"order", t.order}};
        add_runs(entry, t);
        tests.push_back(entry);
    }
    return {{"lab", r.lab},
            {"title", r.title},
            {"submission", r.submission},
            {"score", rounded(r.score)},
            {"max_score", r.max_score},
            {"by_hand_points", r.by_hand_points},
            {"seed", r.seed},
            {"gradable", r.gradable},
            {"problems", r.problems},
            {"grader_error", r.grader_error},
            {"done", r.done},
            {"sandboxed", r.sandboxed},
            {"seconds", rounded(r.seconds)},
            {"tests", tests}};
}

// One test of Gradescope's tests[]. A manual one has no status and 0 of 0:
// Gradescope adds nothing of it to the autograder's total.
json gradescope_test(const TestResult& t) {
    json extra = {{"kind", name_of(t.kind)}, {"seconds", rounded(t.seconds)}};
    add_runs(extra, t);
    bool hand = t.status == Status::ByHand;
    if (hand) extra["by_hand_points"] = t.max_points;
    json entry = {{"score", hand ? 0.0 : rounded(t.points)},
                  {"max_score", hand ? 0.0 : t.max_points},
                  {"status", t.status == Status::Passed ? "passed" : "failed"},
                  {"name", hand ? t.name + " (graded by hand, " + number(t.max_points) + " points)" : t.name},
                  {"number", std::to_string(t.number)},
                  {"output", cut(hand ? by_hand(t) : t.output, kMaxTestOutput)},
                  {"output_format", "text"},
                  {"visibility", name_of(t.visibility)},
                  {"extra_data", extra}};
    if (hand) entry.erase("status");
    return entry;
}

json gradescope(const Results& r) {
    json tests = json::array();
    json leaderboard = json::array();
    for (const TestResult& t : r.tests) {
        tests.push_back(gradescope_test(t));
        if (t.value) leaderboard.push_back({{"name", t.name}, {"value", *t.value}, {"order", t.order}});
    }
    json out = {
        {"score", rounded(r.score)},
        {"execution_time", static_cast<int64_t>(std::ceil(r.seconds))},
        {"output", summary(r)},
        {"output_format", "text"},
        {"test_output_format", "text"},
        {"visibility", "visible"},
        {"stdout_visibility", "hidden"},
        {"tests", tests},
        {"extra_data",
         {{"seed", r.seed}, {"done", r.done}, {"grader_error", r.grader_error}, {"by_hand_points", r.by_hand_points}}}};
    if (!leaderboard.empty()) out["leaderboard"] = leaderboard;
    return out;
}

// PrairieLearn: hidden and after-due-date tests count in the score but are
// left out of tests[] (it has no later reveal).
json prairielearn(const Results& r, size_t max_output) {
    json tests = json::array();
    for (const TestResult& t : r.tests) {
        if (t.visibility != Visibility::Visible) continue;
        bool hand = t.status == Status::ByHand;  // 0 of 0 here: PrairieLearn's manual grading gives its points
        std::string output = hand ? by_hand(t) : t.output;
        std::string first = output.substr(0, output.find('\n'));
        tests.push_back({{"name", t.name + (hand ? " (graded by hand, " + number(t.max_points) + " points)" : "")},
                         {"description", std::string(name_of(t.kind)) + " test " + std::to_string(t.number)},
                         {"points", rounded(t.points)},
                         {"max_points", hand ? 0.0 : t.max_points},
                         {"message", cut(first, 200)},
                         {"output", cut(output, max_output)}});
    }
    double score = r.max_score > 0 ? std::clamp(r.score / r.max_score, 0.0, 1.0) : 0.0;
    json out = {{"gradable", r.gradable},
                {"score", rounded(score)},
                {"message", summary(r)},
                {"output", summary(r)},
                {"tests", tests}};
    if (!r.gradable) out["format_errors"] = r.problems;
    return out;
}

std::string xml_escape(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else if (c == '"') out += "&quot;";
        else if (c < 0x20 && c != '\n' && c != '\t') {
            char hex[8];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else out += static_cast<char>(c);
    }
    return out;
}

std::string junit(const Results& r) {
    size_t failures = 0, skipped = 0;
    for (const TestResult& t : r.tests) {
        if (t.status == Status::Skipped || t.status == Status::ByHand) ++skipped;
        else if (t.status != Status::Passed) ++failures;
    }
    std::string counts = " tests=\"" + std::to_string(r.tests.size()) + "\" failures=\"" + std::to_string(failures) +
                         "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\" time=\"" +
                         json(rounded(r.seconds)).dump() + "\"";
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + xml_escape(r.lab) + "\"" +
                      counts + ">\n  <testsuite name=\"" + xml_escape(r.lab) + "\"" + counts + ">\n    <properties>\n" +
                      "      <property name=\"seed\" value=\"" + std::to_string(r.seed) + "\"/>\n" +
                      "      <property name=\"score\" value=\"" + json(rounded(r.score)).dump() + "\"/>\n" +
                      "      <property name=\"max_score\" value=\"" + json(rounded(r.max_score)).dump() + "\"/>\n" +
                      "    </properties>\n";
    for (const TestResult& t : r.tests) {
        out += "    <testcase classname=\"" + xml_escape(r.lab) + "\" name=\"" + xml_escape(t.name) + "\" time=\"" +
               json(rounded(t.seconds)).dump() + "\"";
        std::string body = xml_escape(cut(t.output, kMaxTestOutput));
        std::string first = xml_escape(t.output.substr(0, t.output.find('\n')));
        if (t.status == Status::Passed) out += "/>\n";
        else if (t.status == Status::Skipped) out += ">\n      <skipped message=\"" + first + "\"/>\n    </testcase>\n";
        else if (t.status == Status::ByHand)
            out += ">\n      <skipped message=\"" + xml_escape(by_hand(t)) + "\"/>\n    </testcase>\n";
        else out += ">\n      <failure message=\"" + first + "\">" + body + "</failure>\n    </testcase>\n";
    }
    return out + "  </testsuite>\n</testsuites>\n";
}

std::string text(const Results& r) {
    std::string out = "lab " + r.lab + (r.title.empty() ? "" : ": " + r.title) + "\n";
    for (const TestResult& t : r.tests) {
        const char* mark = t.status == Status::Passed    ? "[ok]  "
                           : t.status == Status::Skipped ? "[skip]"
                           : t.status == Status::ByHand  ? "[hand]"
                                                         : "[FAIL]";
        std::string points = (t.status == Status::ByHand ? "-" : number(t.points)) + "/" + number(t.max_points);
        std::string line = std::string("  ") + mark + " " + std::to_string(t.number) + ". " + t.name;
        if (t.visibility != Visibility::Visible) line += " (" + std::string(name_of(t.visibility)) + ")";
        out += line + std::string(line.size() < 64 ? 64 - line.size() : 1, ' ') + points + "\n";
        if (t.status == Status::Passed && !t.value) continue;
        std::string body = cut(t.output, 4000);
        for (size_t start = 0; start < body.size();) {
            size_t nl = body.find('\n', start);
            out += "         " + body.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
            if (nl == std::string::npos) break;
            start = nl + 1;
        }
    }
    return out + summary(r);
}

}  // namespace

std::optional<Format> format_by_name(const std::string& name) {
    if (name == "text") return Format::Text;
    if (name == "json") return Format::Json;
    if (name == "gradescope") return Format::Gradescope;
    if (name == "prairielearn") return Format::PrairieLearn;
    if (name == "junit") return Format::JUnit;
    return std::nullopt;
}

std::string format_results(const Results& r, Format f) {
    switch (f) {
    case Format::Text: return text(r);
    case Format::Json: return dump(own_json(r));
    case Format::Gradescope: return dump(gradescope(r));
    case Format::JUnit: return junit(r);
    case Format::PrairieLearn:
        for (size_t max = kMaxTestOutput;; max /= 4) {
            std::string out = dump(prairielearn(r, max));
            if (out.size() <= kPrairieLearnMaxBytes || max < 64) return out;
        }
    }
    return "";
}

}  // namespace trapvm::grader
