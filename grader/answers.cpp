// Answers files, read and judged (see answers.hpp).
#include "grader/answers.hpp"

#include "grader/yaml_reader.hpp"

#include <sstream>

namespace trapvm::grader {

namespace {

std::vector<std::string> words_of(const std::string& line) {
    std::istringstream in(line.substr(0, line.find('#')));
    std::vector<std::string> words;
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

// A class as instructions.tbl spells it (innocuous, privileged[:KINDS],
// unprivileged:KINDS[@system]; KINDS control, mode, location joined by +,
// in any order), or nothing.
std::optional<properties::InsnClass> parse_class(const std::string& text) {
    properties::InsnClass c;
    if (text == "innocuous") return c;
    size_t colon = text.find(':');
    std::string head = text.substr(0, colon);
    if (head == "privileged" && colon == std::string::npos) return c.privileged = true, c;
    if ((head != "privileged" && head != "unprivileged") || colon == std::string::npos) return std::nullopt;
    c.privileged = head == "privileged";
    std::string list = text.substr(colon + 1);
    c.user_sensitive = true;
    if (list.ends_with("@system")) {
        if (c.privileged) return std::nullopt;
        c.user_sensitive = false;
        list.resize(list.size() - 7);
    }
    std::istringstream parts(list);
    for (std::string s; std::getline(parts, s, '+');) {
        bool& kind = s == "control" ? c.control : s == "mode" ? c.mode : c.location;
        if ((s != "control" && s != "mode" && s != "location") || kind) return std::nullopt;
        kind = true;
    }
    if (!c.sensitive()) return std::nullopt;
    return c;
}

std::string lab_profiles() {
    std::string out;
    for (const pg32::ProfileInfo& p : pg32::kProfiles)
        if (pg32::is_lab_profile(p)) out += (out.empty() ? "" : ", ") + std::string(p.name);
    return out;
}

std::string names_of(const std::vector<pg32::Op>& ops) {
    std::string out;
    for (pg32::Op op : ops) out += (out.empty() ? "" : ", ") + std::string(pg32::info(op).mnemonic);
    return out;
}

// One statement of the section of profile p.
class Reader {
public:
    Reader(Answers& a, const std::string& file) : a_(a), file_(file) {}

    void line(const std::vector<std::string>& w, int n) {
        if (w[0] == "profile") return section(w, n);
        if (bad_section_) return;  // said once, at its profile line
        if (!profile_) return error(n, "'" + w[0] + "' before any 'profile NAME' line: say whose answers these are");
        ProfileAnswers& pa = a_.profiles[profile_->name];
        if (w[0] == "theorem1" || w[0] == "theorem3")
            return theorem(w, n, w[0] == "theorem1" ? pa.theorem1 : pa.theorem3);
        if (w[0] == "divergence") return divergence(w, n, pa);
        klass(w, n, pa);
    }

    void error(int n, const std::string& message) {
        if (a_.errors.size() < kMaxAnswerErrors) a_.errors.push_back(file_ + ":" + std::to_string(n) + ": " + message);
    }

private:
    bool count(const std::vector<std::string>& w, size_t want, int n, const std::string& form) {
        if (w.size() == want) return true;
        error(n, "expected '" + form + "'");
        return false;
    }

    void section(const std::vector<std::string>& w, int n) {
        if (!count(w, 2, n, "profile NAME")) return;
        profile_ = pg32::profile_by_name(w[1]);
        if (profile_ == &pg32::base_profile()) profile_ = nullptr;
        bad_section_ = !profile_;
        if (!profile_) error(n, "no flawed profile is named '" + w[1] + "' (the lab's: " + lab_profiles() + ")");
    }

    void theorem(const std::vector<std::string>& w, int n, std::optional<Answer>& slot) {
        if (!count(w, 2, n, w[0] + " holds|fails")) return;
        if (w[1] != "holds" && w[1] != "fails") return error(n, w[0] + ": expected holds or fails, not '" + w[1] + "'");
        if (slot) return error(n, w[0] + " is answered twice (first at line " + std::to_string(slot->line) + ")");
        slot = Answer{w[1], n};
    }

    void divergence(const std::vector<std::string>& w, int n, ProfileAnswers& pa) {
        if (!count(w, 3, n, "divergence STEP MNEMONIC")) return;
        std::optional<int64_t> step = parse_integer(w[1]);
        if (!step || *step < 0) return error(n, "divergence: the step is a number (as trapvm diff prints it)");
        if (pa.divergence_mnemonic)
            return error(
                n, "divergence is answered twice (first at line " + std::to_string(pa.divergence_mnemonic->line) + ")");
        if (!pg32::op_by_mnemonic(w[2], *profile_))
            return error(n, "divergence: '" + w[2] + "' is no instruction of profile " + profile_->name);
        pa.divergence_step = static_cast<uint64_t>(*step);
        pa.divergence_mnemonic = Answer{w[2], n};
    }

    void klass(const std::vector<std::string>& w, int n, ProfileAnswers& pa) {
        std::vector<pg32::Op> own = own_instructions(*profile_);
        std::optional<pg32::Op> op = pg32::op_by_mnemonic(w[0], *profile_);
        if (!op || std::find(own.begin(), own.end(), *op) == own.end())
            return error(n, "'" + w[0] + "' is not an instruction profile " + profile_->name +
                                " adds (its own: " + names_of(own) + "), nor profile, theorem1, theorem3, divergence");
        if (!count(w, 2, n, w[0] + " CLASS")) return;
        if (!parse_class(w[1]))
            return error(n, "'" + w[1] +
                                "' is not a class: innocuous, privileged, privileged:KINDS or unprivileged:KINDS, "
                                "KINDS being control, mode, location joined by + (and @system after them when "
                                "sensitive only in system mode)");
        auto [at, fresh] = pa.classes.emplace(w[0], Answer{w[1], n});
        if (!fresh) error(n, w[0] + " is answered twice (first at line " + std::to_string(at->second.line) + ")");
    }

    Answers& a_;
    const std::string& file_;
    const pg32::ProfileInfo* profile_ = nullptr;
    bool bad_section_ = false;
};

CaseResult verdict(const std::string& name, bool passed, const std::string& feedback) {
    return CaseResult{.name = name, .passed = passed, .feedback = passed ? "" : feedback};
}

std::string where(const std::string& file, const Answer& a) { return file + ":" + std::to_string(a.line); }

}  // namespace

Answers parse_answers(const std::string& text, const std::string& file) {
    Answers a;
    Reader reader(a, file);
    if (text.size() > kMaxAnswersBytes) return reader.error(0, "larger than 1 MiB: not an answers file"), a;
    std::istringstream in(text);
    int n = 0;
    for (std::string line; std::getline(in, line);) {
        ++n;
        std::vector<std::string> w = words_of(line);
        if (!w.empty()) reader.line(w, n);
    }
    return a;
}

std::vector<pg32::Op> own_instructions(const pg32::ProfileInfo& profile) {
    std::vector<pg32::Op> out;
    for (int i = 0; i < pg32::kOpCount; ++i) {
        pg32::Op op = static_cast<pg32::Op>(i);
        if (pg32::in_profile(op, profile) && !pg32::in_profile(op, pg32::base_profile())) out.push_back(op);
    }
    return out;
}

std::vector<CaseResult> judge_classes(const Answers& a, const pg32::ProfileInfo& p,
                                      const properties::ClassifyReport& measured, const std::string& file,
                                      bool reveal) {
    std::vector<CaseResult> out;
    const ProfileAnswers* pa = a.profiles.count(p.name) ? &a.profiles.at(p.name) : nullptr;
    for (const properties::InsnVerdict& v : measured.instructions) {
        std::vector<pg32::Op> own = own_instructions(p);
        if (std::find(own.begin(), own.end(), v.op) == own.end()) continue;
        std::string m = pg32::info(v.op).mnemonic, truth = properties::class_text(v.measured);
        if (!pa || !pa->classes.count(m)) {
            out.push_back(
                verdict(m, false, "no answer: a line '" + m + " CLASS' after 'profile " + p.name + "' in " + file));
            continue;
        }
        const Answer& answer = pa->classes.at(m);
        std::string given = properties::class_text(*parse_class(answer.text));
        out.push_back(verdict(m, given == truth,
                              where(file, answer) + ": " + m + " " + answer.text +
                                  ": not the class trapvm check measures" +
                                  (reveal ? " (it measures " + truth + ")" : "")));
    }
    return out;
}

std::vector<CaseResult> judge_theorems(const Answers& a, const pg32::ProfileInfo& p,
                                       const properties::ClassifyReport& measured, const std::string& file,
                                       bool reveal) {
    std::vector<CaseResult> out;
    const ProfileAnswers* pa = a.profiles.count(p.name) ? &a.profiles.at(p.name) : nullptr;
    for (int n : {1, 3}) {
        const properties::TheoremVerdict& truth = n == 1 ? measured.theorem1 : measured.theorem3;
        const std::optional<Answer>* given = pa ? (n == 1 ? &pa->theorem1 : &pa->theorem3) : nullptr;
        std::string name = "Theorem " + std::to_string(n), key = "theorem" + std::to_string(n);
        if (!given || !*given) {
            out.push_back(verdict(
                name, false, "no answer: a line '" + key + " holds|fails' after 'profile " + p.name + "' in " + file));
            continue;
        }
        bool right = ((*given)->text == "holds") == truth.holds;
        std::string actual = truth.holds ? "holds" : "fails";
        out.push_back(verdict(name, right,
                              where(file, **given) + ": " + key + " " + (*given)->text +
                                  ": not what trapvm check finds" + (reveal ? " (it " + actual + ")" : "")));
    }
    return out;
}

std::vector<CaseResult> judge_divergence(const Answers& a, const pg32::ProfileInfo& p, const nlohmann::json& first,
                                         const std::string& file, bool reveal) {
    const ProfileAnswers* pa = a.profiles.count(p.name) ? &a.profiles.at(p.name) : nullptr;
    if (!pa || !pa->divergence_mnemonic) {
        std::string why =
            std::string("no answer: a line 'divergence STEP MNEMONIC' after 'profile ") + p.name + "' in " + file;
        return {verdict("the step", false, why), verdict("the instruction", false, why)};
    }
    if (!first.is_object()) {
        std::string why = "the runs did not diverge, so there is nothing to name (a lab bug: tell your instructor)";
        return {verdict("the step", false, why), verdict("the instruction", false, why)};
    }
    uint64_t step = first.value("step", uint64_t{0});
    std::string mnemonic = first.value("mnemonic", ""), at = where(file, *pa->divergence_mnemonic);
    return {verdict("the step", *pa->divergence_step == step,
                    at + ": step " + std::to_string(*pa->divergence_step) +
                        " is not the first step where trapvm diff --bare-vs-vmm finds the runs differ" +
                        (reveal ? " (it is step " + std::to_string(step) + ")" : "")),
            verdict("the instruction", pa->divergence_mnemonic->text == mnemonic,
                    at + ": " + pa->divergence_mnemonic->text + " is not the instruction at the first divergence" +
                        (reveal ? " (it is " + mnemonic + ")" : ""))};
}

void score_answers(const Test& t, std::vector<CaseResult> cases, const std::vector<std::string>& errors,
                   TestResult& r) {
    std::string hint = t.hint.empty() ? "" : "hint: " + t.hint + "\n";
    if (!errors.empty()) {
        r.status = Status::Failed;
        r.points = 0;
        r.output = t.answers + " cannot be graded:\n";
        for (const std::string& e : errors) r.output += e + "\n";
        r.output += hint;
        return;
    }
    size_t passed = 0;
    std::string feedback;
    for (const CaseResult& c : cases) {
        passed += c.passed;
        if (!c.passed) feedback += c.name + ": " + c.feedback + "\n";
    }
    bool all = passed == cases.size() && !cases.empty();
    std::vector<double> shares = case_shares(t.points, cases.size());  // an entry per answer, as per case
    for (size_t i = 0; i < cases.size(); ++i) cases[i].max_points = shares[i];
    r.cases = std::move(cases);
    r.points = 0;
    settle_cases(t, r, passed);
    r.status = all ? Status::Passed : Status::Failed;
    std::string count = std::to_string(passed) + " of " + std::to_string(r.cases.size()) + " right";
    r.output = all ? "passed (" + count + ")" : count + "\n" + feedback + hint;
}

}  // namespace trapvm::grader
