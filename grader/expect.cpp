// Judging a case against lab.yaml's expectations (see expect.hpp).
#include "grader/expect.hpp"

#include "grader/job.hpp"
#include "image/image.hpp"
#include "isa-spec/hex.hpp"

#include <cmath>
#include <regex>

namespace trapvm::grader {

namespace {

std::string value_text(uint32_t v) {
    return std::to_string(v) + (v > 9 ? " (" + pg32::hex32(v) + ")" : "") +
           (v >= 0x80000000u ? ", " + std::to_string(static_cast<int32_t>(v)) + " signed" : "");
}

std::string console_of(const json& facts) { return text_to_bytes(facts.value("stdout", "")); }

// Where and why the run stopped, when it did not simply halt or power off,
// in the grader's words (a student cannot pass --max-steps to a grader).
std::string stop_note(const json& facts) {
    std::string message = facts.value("message", "");
    if (message.empty()) return "";
    const json& stop = facts.value("stop", json::object());
    if (stop.value("reason", "") == "step-limit") {
        size_t at = message.find("at pc "), after = message.find(" after ");
        std::string where = at == std::string::npos ? "" : " " + message.substr(at, after - at);
        return "the program did not stop within the test's " + std::to_string(facts.value("steps", uint64_t{0})) +
               " instructions (stopped" + where + "): an endless loop?";
    }
    if (stop.value("reason", "") == "output-limit")
        return "the program wrote more console output than the test allows (" +
               std::to_string(text_to_bytes(facts.value("stdout", "")).size()) + " bytes): " + message;
    return "the run: " + message;
}

void judge_stdout(const Expect& e, const json& facts, std::vector<std::string>& out) {
    std::string console = console_of(facts);
    if (e.stdout_exact && console != *e.stdout_exact)
        out.push_back("the console output is not what was expected: " + first_difference(*e.stdout_exact, console));
    if (e.stdout_matches) {
        try {
            if (!std::regex_search(console, std::regex(*e.stdout_matches)))
                out.push_back("the console output does not match /" + shown(*e.stdout_matches) + "/; it was:\n" +
                              cut(shown(console), 2000));
        } catch (const std::regex_error&) {
            out.push_back("lab.yaml's stdout_matches is not a valid regular expression (tell your instructor)");
        }
    }
    for (const std::string& want : e.stdout_contains)
        if (console.find(want) == std::string::npos)
            out.push_back("the console output lacks \"" + shown(want) + "\"; it was:\n" + cut(shown(console), 2000));
}

void judge_state(const Expect& e, const json& facts, std::vector<std::string>& out) {
    const json& stop = facts.value("stop", json::object());
    if (e.stop && stop.value("reason", "") != *e.stop)
        out.push_back("expected the program to stop by " + *e.stop + ", but it stopped by " +
                      stop.value("reason", "?"));
    if (e.status && facts.value("status", -1) != *e.status)
        out.push_back("expected exit status " + std::to_string(*e.status) + ", got " +
                      std::to_string(facts.value("status", -1)));
    uint64_t exits = facts.value("metrics", json::object()).value("exits", uint64_t{0});
    if (e.max_exits && exits > *e.max_exits)
        out.push_back("the monitor saw " + std::to_string(exits) + " exits, more than the test allows (" +
                      std::to_string(*e.max_exits) + ")");
    for (const auto& [name, want] : e.regs) {
        uint32_t got = facts["regs"].value(name, 0u);
        if (got != want) out.push_back(name + ": expected " + value_text(want) + ", got " + value_text(got));
    }
    for (const auto& [name, want] : e.csrs) {
        uint32_t got = facts["csrs"].value(name, 0u);
        if (got != want) out.push_back("csr " + name + ": expected " + value_text(want) + ", got " + value_text(got));
    }
}

const json* memory_fact(const json& facts, const std::string& at) {
    auto memory = facts.find("memory");
    if (memory == facts.end() || !memory->is_array()) return nullptr;
    for (const json& m : *memory)
        if (m.value("at", "") == at) return &m;
    return nullptr;
}

void judge_memory(const Expect& e, const json& facts, std::vector<std::string>& out) {
    for (const MemoryWords& m : e.memory) {
        const json* got = memory_fact(facts, m.at);
        if (!got || got->contains("error")) {
            out.push_back("memory at " + m.at + ": " + (got ? got->value("error", "") : "not read"));
            continue;
        }
        const json& words = (*got)["words"];
        for (size_t i = 0; i < m.words.size(); ++i) {
            uint32_t w = i < words.size() ? words[i].get<uint32_t>() : 0;
            if (w == m.words[i]) continue;
            out.push_back("memory at " + printable(m.at) + (i ? "+" + std::to_string(4 * i) : "") + " (word " +
                          std::to_string(i + 1) + " of " + std::to_string(m.words.size()) + "): expected " +
                          value_text(m.words[i]) + ", got " + value_text(w));
            break;
        }
    }
}

std::string reason_of(const json& facts) { return facts.value("stop", json::object()).value("reason", "?"); }

void judge_same(const Expect& e, const json& facts, const json* solution, std::vector<std::string>& out) {
    if (!solution || solution->contains("error"))
        return out.push_back("the solution's run failed, so there is nothing to compare with (tell your instructor)" +
                             (solution ? ": " + solution->value("error", "") : std::string()));
    for (const std::string& f : e.same_fields) {
        if (f == "stdout" && console_of(facts) != console_of(*solution))
            out.push_back("the console output differs from the solution's: " +
                          first_difference(console_of(*solution), console_of(facts)));
        else if (f == "stop" && (reason_of(facts) != reason_of(*solution) ||
                                 facts.value("status", -1) != solution->value("status", -1)))
            out.push_back("the run ended by " + reason_of(facts) + " (status " +
                          std::to_string(facts.value("status", -1)) + "); the solution's by " + reason_of(*solution) +
                          " (status " + std::to_string(solution->value("status", -1)) + ")");
        else if (f != "stdout" && f != "stop") {
            const char* group = facts["regs"].contains(f) ? "regs" : "csrs";
            uint32_t got = facts[group].value(f, 0u), want = (*solution)[group].value(f, 0u);
            if (got != want)
                out.push_back(f + ": expected " + value_text(want) + " (the solution's), got " + value_text(got));
        }
    }
    for (const MemoryWords& m : e.same_memory) {
        const json *got = memory_fact(facts, m.at), *want = memory_fact(*solution, m.at);
        if (!got || !want || got->value("words", json::array()) != want->value("words", json::array()))
            out.push_back("memory at " + printable(m.at) + " differs from the solution's: expected " +
                          (want ? want->value("words", json::array()).dump() : "?") + ", got " +
                          (got ? got->value("words", json::array()).dump() : "?"));
    }
}

// diverges_at: the runs must differ, first at that instruction (a technique
// that the theory says must fail on the profile fails there).
void judge_predicted(const Test& t, const json& eq, std::vector<std::string>& out) {
    if (eq.value("equivalent", false))
        return out.push_back("the runs are equivalent, but they should diverge at " + t.diverges_at +
                             ": the technique cannot hide it from the guest");
    json first = eq.value("first_divergence", json());
    std::string at = first.is_object() ? first.value("mnemonic", "") : "";
    if (at != t.diverges_at)
        out.push_back("the runs diverge, but first at " +
                      (first.is_object() ? "step " + std::to_string(first.value("step", uint64_t{0})) : "?") +
                      (at.empty() ? "" : " (" + at + ")") + ", not at " + t.diverges_at + ":\n" +
                      eq.value("report", ""));
}

void judge_kind(const Test& t, const json& facts, std::vector<std::string>& out) {
    for (const json& p : facts.value("properties", json::array()))
        if (!p.value("holds", false)) out.push_back(p.value("name", "") + ": " + p.value("problem", ""));
    if (t.kind == TestKind::Trace && facts.value("properties", json::array()).size() != t.properties.size())
        out.push_back("the runner did not check every property");
    if (t.kind == TestKind::Equivalence || t.kind == TestKind::Efficiency) {
        const json& eq = facts.value("equivalence", json::object());
        if (!t.diverges_at.empty()) judge_predicted(t, eq, out);
        else if (!eq.value("equivalent", false))
            out.push_back("the run under the monitor differs from the bare run; the first divergence:\n" +
                          eq.value("report", ""));
    }
    if (t.kind == TestKind::ResourceControl && !facts.value("resource_control", json::object()).value("holds", false))
        out.push_back("resource control is broken: " + facts["resource_control"].value("problem", "(no verdict)"));
    if (t.kind == TestKind::Efficiency) {
        const json& eff = facts.value("efficiency", json::object());
        for (const json& p : eff.value("problems", json::array())) out.push_back("efficiency: " + p.get<std::string>());
        double share = eff.value("direct_share", 0.0);
        if (share < t.min_direct_share)
            out.push_back("only " + std::to_string(std::floor(share * 10000) / 100).substr(0, 5) +
                          "% of the guest's instructions ran directly; at least " +
                          std::to_string(t.min_direct_share * 100).substr(0, 5) + "% must");
    }
}

}  // namespace

std::vector<std::string> judge_case(const Test& test, const Case& c, const json& facts, const json* solution) {
    std::vector<std::string> out;
    if (facts.contains("error")) return {facts.value("error", "")};
    judge_kind(test, facts, out);
    judge_stdout(c.expect, facts, out);
    judge_state(c.expect, facts, out);
    judge_memory(c.expect, facts, out);
    if (c.expect.same_as_solution) judge_same(c.expect, facts, solution, out);
    if (test.kind == TestKind::Leaderboard && !facts.contains("metrics"))
        out.push_back("the run gave no " + test.metric);
    std::string note = stop_note(facts);
    if (!out.empty() && !note.empty()) out.push_back(note);
    return out;
}

json memory_requests(const Expect& e) {
    json out = json::array();
    for (const MemoryWords& m : e.memory) out.push_back({{"at", m.at}, {"words", m.words.size()}});
    for (const MemoryWords& m : e.same_memory) out.push_back({{"at", m.at}, {"words", m.count}});
    return out;
}

std::string shown(const std::string& bytes) {
    std::string out;
    for (size_t start = 0; start <= bytes.size();) {
        size_t nl = bytes.find('\n', start);
        out += printable(bytes.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) break;
        out += '\n';
        start = nl + 1;
    }
    return out;
}

std::string cut(const std::string& text, size_t max) {
    if (text.size() <= max) return text;
    return text.substr(0, max) + "... (" + std::to_string(text.size()) + " bytes in all)";
}

std::string first_difference(const std::string& expected, const std::string& actual) {
    size_t i = 0;
    while (i < expected.size() && i < actual.size() && expected[i] == actual[i]) ++i;
    size_t line_start = expected.rfind('\n', i == 0 ? 0 : i - 1);
    line_start = (line_start == std::string::npos || i == 0) ? 0 : line_start + 1;
    size_t line =
        1 + static_cast<size_t>(std::count(expected.begin(), expected.begin() + static_cast<long>(line_start), '\n'));
    auto line_of = [&](const std::string& s) {
        if (line_start >= s.size()) return std::string("(nothing)");
        size_t end = s.find('\n', line_start);
        return "\"" +
               cut(shown(s.substr(line_start, end == std::string::npos ? std::string::npos : end - line_start)), 200) +
               (end == std::string::npos ? "\" (no newline)" : "\"");
    };
    std::string where = "line " + std::to_string(line) + ", column " + std::to_string(i - line_start + 1);
    if (i == expected.size() && actual.size() > i)
        return "it goes on after the expected end (" + std::to_string(actual.size() - i) + " more bytes, from " +
               where + "):\n  expected: " + line_of(expected) + "\n  actual:   " + line_of(actual);
    return where + " differs:\n  expected: " + line_of(expected) + "\n  actual:   " + line_of(actual);
}

}  // namespace trapvm::grader
