// The formats of results (see formats.hpp).
#include "grader/formats.hpp"

#include "grader/expect.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
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
    for (const Entry& e : entries(r)) {
        const TestResult& t = *e.test;
        json entry = {{"number", e.number},
                      {"name", e.name},
                      {"test", t.name},
                      {"test_number", t.number},
                      {"case", e.case_number ? t.cases[e.case_number - 1].name : ""},
                      {"kind", name_of(t.kind)},
                      {"visibility", name_of(t.visibility)},
                      {"status", name_of(e.status)},
                      {"points", rounded(e.points)},
                      {"max_points", rounded(e.max_points)},
                      {"output", cut(e.output, kMaxTestOutput)},
                      {"seconds", rounded(e.seconds)}};
        if (t.value && e.case_number <= 1)
            entry["leaderboard"] = {{"metric", t.metric}, {"value", *t.value}, {"order", t.order}};
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
json gradescope_test(const Entry& e) {
    const TestResult& t = *e.test;
    json extra = {{"kind", name_of(t.kind)}, {"test", t.name}, {"seconds", rounded(e.seconds)}};
    add_runs(extra, t);
    bool hand = e.status == Status::ByHand;
    if (hand) extra["by_hand_points"] = t.max_points;
    json entry = {{"score", hand ? 0.0 : rounded(e.points)},
                  {"max_score", hand ? 0.0 : rounded(e.max_points)},
                  {"status", e.status == Status::Passed ? "passed" : "failed"},
                  {"name", hand ? e.name + " (graded by hand, " + number(t.max_points) + " points)" : e.name},
                  {"number", e.number},
                  {"output", cut(hand ? by_hand(t) : e.output, kMaxTestOutput)},
                  {"output_format", "text"},
                  {"visibility", name_of(t.visibility)},
                  {"extra_data", extra}};
    if (hand) entry.erase("status");
    return entry;
}

json gradescope(const Results& r) {
    json tests = json::array();
    json leaderboard = json::array();
    for (const Entry& e : entries(r)) {
        const TestResult& t = *e.test;
        tests.push_back(gradescope_test(e));
        if (t.value && e.case_number <= 1)
            leaderboard.push_back({{"name", t.name}, {"value", *t.value}, {"order", t.order}});
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
    for (const Entry& e : entries(r)) {
        const TestResult& t = *e.test;
        if (t.visibility != Visibility::Visible) continue;
        bool hand = e.status == Status::ByHand;  // 0 of 0 here: PrairieLearn's manual grading gives its points
        std::string output = hand ? by_hand(t) : e.output;
        std::string first = output.substr(0, output.find('\n'));
        tests.push_back({{"name", e.name + (hand ? " (graded by hand, " + number(t.max_points) + " points)" : "")},
                         {"description", std::string(name_of(t.kind)) + " test " + e.number},
                         {"points", rounded(e.points)},
                         {"max_points", hand ? 0.0 : rounded(e.max_points)},
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
    std::vector<Entry> all = entries(r);
    size_t failures = 0, skipped = 0;
    for (const Entry& e : all) {
        if (e.status == Status::Skipped || e.status == Status::ByHand) ++skipped;
        else if (e.status != Status::Passed) ++failures;
    }
    std::string counts = " tests=\"" + std::to_string(all.size()) + "\" failures=\"" + std::to_string(failures) +
                         "\" errors=\"0\" skipped=\"" + std::to_string(skipped) + "\" time=\"" +
                         json(rounded(r.seconds)).dump() + "\"";
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"" + xml_escape(r.lab) + "\"" +
                      counts + ">\n  <testsuite name=\"" + xml_escape(r.lab) + "\"" + counts + ">\n    <properties>\n" +
                      "      <property name=\"seed\" value=\"" + std::to_string(r.seed) + "\"/>\n" +
                      "      <property name=\"score\" value=\"" + json(rounded(r.score)).dump() + "\"/>\n" +
                      "      <property name=\"max_score\" value=\"" + json(rounded(r.max_score)).dump() + "\"/>\n" +
                      "    </properties>\n";
    for (const Entry& e : all) {
        const TestResult& t = *e.test;
        out += "    <testcase classname=\"" + xml_escape(r.lab) + "\" name=\"" + xml_escape(e.name) + "\" time=\"" +
               json(rounded(e.seconds)).dump() + "\"";
        std::string body = xml_escape(cut(e.output, kMaxTestOutput));
        std::string first = xml_escape(e.output.substr(0, e.output.find('\n')));
        if (e.status == Status::Passed) out += "/>\n";
        else if (e.status == Status::Skipped) out += ">\n      <skipped message=\"" + first + "\"/>\n    </testcase>\n";
        else if (e.status == Status::ByHand)
            out += ">\n      <skipped message=\"" + xml_escape(by_hand(t)) + "\"/>\n    </testcase>\n";
        else out += ">\n      <failure message=\"" + first + "\">" + body + "</failure>\n    </testcase>\n";
    }
    return out + "  </testsuite>\n</testsuites>\n";
}

const char* mark(Status s) {
    if (s == Status::ByHand) return "[hand]";
    return s == Status::Passed ? "[ok]  " : s == Status::Skipped ? "[skip]" : "[FAIL]";
}

// "  [ok]   6. NAME ....... 10/10", then BODY indented under it.
std::string text_entry(const std::string& indent, Status s, const std::string& label, double points, double max,
                       const std::string& body) {
    std::string line = indent + mark(s) + " " + label;
    std::string out = line + std::string(line.size() < 64 ? 64 - line.size() : 1, ' ') +
                      (s == Status::ByHand ? "-" : number(points)) + "/" + number(max) + "\n";
    std::string cut_body = cut(body, 4000);
    for (size_t start = 0; start < cut_body.size();) {
        size_t nl = cut_body.find('\n', start);
        out += indent + "       " + cut_body.substr(start, nl == std::string::npos ? std::string::npos : nl - start) +
               "\n";
        if (nl == std::string::npos) break;
        start = nl + 1;
    }
    return out;
}

// A test's line; under a test of several cases, a line per case (its
// entry), with the feedback of those that failed, then the hint once. When
// every case failed the same way (the runner failed, the build did) the
// test says it once; the grader's own failure is said once, at the end.
std::string text_test(const TestResult& t, const std::string& grader_error) {
    std::string label = std::to_string(t.number) + ". " + t.name;
    if (t.visibility != Visibility::Visible) label += " (" + std::string(name_of(t.visibility)) + ")";
    bool cases = t.cases.size() > 1 && (t.status == Status::Passed || t.status == Status::Failed);
    bool same = cases && std::all_of(t.cases.begin(), t.cases.end(), [&](const CaseResult& c) {
                    return !c.passed && c.feedback == t.cases[0].feedback;
                });
    std::string metric = t.value ? t.metric + ": " + number(*t.value) : "";
    std::string body = t.status == Status::Passed && !t.value ? "" : cases && !same ? metric : t.output;
    if (!grader_error.empty() && body == "not run: " + grader_error) body = "not run: the grader failed (below)";
    std::string out = text_entry("  ", t.status, label, t.points, t.max_points, body);
    if (!cases) return out;
    for (size_t i = 0; i < t.cases.size(); ++i) {
        const CaseResult& c = t.cases[i];
        std::string detail = same ? "" : c.passed ? (c.output == "passed" ? "" : c.output) : c.feedback;
        out += text_entry("         ", c.status, std::to_string(t.number) + "." + std::to_string(i + 1) + " " + c.name,
                          c.points, c.max_points, detail);
    }
    bool hint = t.status == Status::Failed && !t.hint.empty() && !same;
    return out + (hint ? "         hint: " + t.hint + "\n" : "");
}

std::string text(const Results& r) {
    std::string out = "lab " + r.lab + (r.title.empty() ? "" : ": " + r.title) + "\n";
    for (const TestResult& t : r.tests) out += text_test(t, r.grader_error);
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
