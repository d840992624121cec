// lab.yaml to a Spec: the shape of every key (spec_check.cpp checks what
// the values mean together: points, names, dependencies, files).
#include "grader/spec_read.hpp"
#include "isa-spec/isa.hpp"
#include "vmm/technique.hpp"

namespace trapvm::grader {

void read_limits(YamlReader& r, const YAML::Node& map, Limits& limits, const std::string& what) {
    if (const YAML::Node n = map["max_steps"])
        if (auto v = r.count(n, what + " max_steps", false)) limits.max_steps = *v;
    if (const YAML::Node n = map["max_output"])
        if (auto v = r.count(n, what + " max_output", true)) limits.max_output = *v;
    if (const YAML::Node n = map["mem_size"]) {
        auto v = r.count(n, what + " mem_size", true);
        if (v && (*v == 0 || *v % 4 || *v > (256u << 20)))
            r.error(n, what + " mem_size: expected 4 bytes to 256M, a multiple of 4");
        else if (v) limits.mem_size = static_cast<uint32_t>(*v);
    }
    if (const YAML::Node n = map["quantum"]) {
        auto v = r.count(n, what + " quantum", false);
        if (v && (*v == 0 || *v > UINT32_MAX)) r.error(n, what + " quantum: expected 1 to 4294967295");
        else if (v) limits.quantum = static_cast<uint32_t>(*v);
    }
    if (const YAML::Node n = map["timeout"])
        if (auto v = r.seconds(n, what + " timeout")) limits.timeout = *v;
}

namespace {

Defines read_defines(YamlReader& r, const YAML::Node& map) {
    Defines out;
    if (!map.IsMap()) {
        r.error(map, "defines: expected a mapping NAME: VALUE");
        return out;
    }
    for (const auto& entry : map)
        if (auto v = r.integer(entry.second, "define " + entry.first.Scalar()))
            out.emplace_back(entry.first.Scalar(), *v);
    return out;
}

#define RUN_KEYS                                                                                                      \
    "program", "programs", "vmm", "input", "input_file", "defines", "max_steps", "max_output", "mem_size", "quantum", \
        "timeout"

// vmm: true | false | a technique's name (vmm/technique.hpp), which is true
// with that technique.
void read_vmm(YamlReader& r, const YAML::Node& n, RunSpec& run) {
    if (n.IsScalar() && vmm::technique_by_name(n.Scalar())) {
        run.vmm = true;
        run.technique = n.Scalar();
        return;
    }
    if (n.IsScalar() && n.Scalar() != "true" && n.Scalar() != "false") {
        std::vector<std::string> names;
        for (const vmm::TechniqueInfo& t : vmm::kTechniques) names.push_back(t.name);
        std::string hint = did_you_mean(n.Scalar(), names);
        return r.error(n, "vmm: '" + n.Scalar() + "': expected true, false or a technique (" + vmm::technique_names() +
                              ")" + (hint.empty() ? "" : ": did you mean '" + hint + "'?"));
    }
    if (auto b = r.boolean(n, "vmm")) run.vmm = *b, run.technique.reset();
}

void read_run_keys(YamlReader& r, const YAML::Node& map, RunSpec& run) {
    if (const YAML::Node n = map["program"])
        if (auto s = r.text(n, "program")) run.programs = {*s};
    if (const YAML::Node n = map["programs"]) run.programs = r.strings(n, "programs");
    if (const YAML::Node n = map["vmm"]) read_vmm(r, n, run);
    if (const YAML::Node n = map["input"]) run.input = r.text(n, "input");
    if (const YAML::Node n = map["input_file"]) run.input_file = r.text(n, "input_file");
    if (const YAML::Node n = map["defines"])
        for (auto& d : read_defines(r, n)) {
            std::erase_if(run.defines, [&](const auto& old) { return old.first == d.first; });
            run.defines.push_back(d);
        }
    read_limits(r, map, run.limits, "run");
}

void read_run(YamlReader& r, const YAML::Node& map, RunSpec& run) {
    if (r.keys(map, {RUN_KEYS}, "run")) read_run_keys(r, map, run);
}

std::vector<MemoryWords> read_memory(YamlReader& r, const YAML::Node& list, bool counts) {
    std::vector<MemoryWords> out;
    if (!list.IsSequence()) {
        r.error(list, "memory: expected a list of {at: LABEL, words: [...]}");
        return out;
    }
    for (const YAML::Node& item : list) {
        if (!r.keys(item, {"at", "words"}, "a memory expectation")) continue;
        MemoryWords m;
        if (const YAML::Node at = item["at"]) m.at = r.text(at, "at").value_or("");
        else r.error(item, "a memory expectation needs at: (a label or an address)");
        const YAML::Node words = item["words"];
        if (!words) r.error(item, "a memory expectation needs words:");
        else if (counts) m.count = r.count(words, "words (how many to compare)", false).value_or(1);
        else if (!words.IsSequence()) r.error(words, "words: expected a list of 32-bit values");
        else
            for (const YAML::Node& w : words) m.words.push_back(r.word(w, "a memory word").value_or(0));
        if (!counts && m.words.size() > 4096) r.error(words, "words: at most 4096 words per expectation");
        out.push_back(std::move(m));
    }
    return out;
}

void read_named_words(YamlReader& r, const YAML::Node& map, std::vector<std::pair<std::string, uint32_t>>& out,
                      const std::string& what) {
    if (!map.IsMap()) {
        r.error(map, what + ": expected a mapping NAME: VALUE");
        return;
    }
    for (const auto& entry : map)
        if (auto v = r.word(entry.second, what + " " + entry.first.Scalar())) {
            const std::string& name = entry.first.Scalar();
            bool known = what == "regs" ? pg32::register_by_name(name).has_value() : pg32::csr_by_name(name) != nullptr;
            if (!known)
                r.error(entry.first,
                        what + ": no " + (what == "regs" ? "register" : "csr") + " is named '" + name + "'");
            out.emplace_back(name, *v);
        }
}

void read_same_as_solution(YamlReader& r, const YAML::Node& list, Expect& e) {
    e.same_as_solution = true;
    if (!list.IsSequence()) {
        r.error(list,
                "same_as_solution: expected a list of what to compare: stop, stdout, register and csr names, "
                "{at: LABEL, words: N}");
        return;
    }
    for (const YAML::Node& item : list) {
        if (item.IsMap()) {
            YAML::Node one(YAML::NodeType::Sequence);
            one.push_back(item);
            for (MemoryWords& m : read_memory(r, one, true)) e.same_memory.push_back(std::move(m));
        } else if (auto s = r.text(item, "same_as_solution")) {
            if (*s != "stop" && *s != "stdout" && !pg32::register_by_name(*s) && !pg32::csr_by_name(*s))
                r.error(item, "same_as_solution: '" + *s + "' is not stop, stdout, a register or a csr");
            e.same_fields.push_back(*s);
        }
    }
}

}  // namespace

Expect read_expect(YamlReader& r, const YAML::Node& node) {
    Expect e;
    if (node.IsScalar() && node.Scalar() == "same_as_solution") {
        e.same_as_solution = true;
        e.same_fields = {"stop", "stdout"};
        return e;
    }
    if (!r.keys(node,
                {"status", "stdout", "stdout_matches", "stdout_contains", "stop", "regs", "csrs", "memory", "max_exits",
                 "same_as_solution"},
                "expect"))
        return e;
    if (const YAML::Node n = node["status"]) e.status = r.integer(n, "status");
    if (const YAML::Node n = node["stdout"]) e.stdout_exact = r.text(n, "stdout");
    if (const YAML::Node n = node["stdout_matches"]) e.stdout_matches = r.text(n, "stdout_matches");
    if (const YAML::Node n = node["stdout_contains"]) e.stdout_contains = r.strings(n, "stdout_contains");
    if (const YAML::Node n = node["stop"]) e.stop = r.text(n, "stop");
    if (const YAML::Node n = node["regs"]) read_named_words(r, n, e.regs, "regs");
    if (const YAML::Node n = node["csrs"]) read_named_words(r, n, e.csrs, "csrs");
    if (const YAML::Node n = node["memory"]) e.memory = read_memory(r, n, false);
    if (const YAML::Node n = node["max_exits"]) e.max_exits = r.count(n, "max_exits", false);
    if (const YAML::Node n = node["same_as_solution"]) read_same_as_solution(r, n, e);
    return e;
}

// A case: the test's run with the case's keys over it.
bool read_case(YamlReader& r, const YAML::Node& node, const Case& base, Case& c, Test::Random* random) {
    if (!r.keys(node, {"name", "expect", "random", "draw", RUN_KEYS}, "a case")) return false;
    c = base;
    c.where = r.at(node);
    if (const YAML::Node n = node["name"]) c.name = r.text(n, "case name").value_or("");
    read_run_keys(r, node, c.run);
    if (const YAML::Node n = node["expect"]) c.expect = read_expect(r, n);
    const YAML::Node count = node["random"], draw = node["draw"];
    if (!count && draw) r.error(draw, "draw: needs random: N (how many cases to draw)");
    if (!count) return true;
    if (!random) return false;
    random->count = r.count(count, "random", false).value_or(0);
    if (random->count == 0 || random->count > 1000) r.error(count, "random: expected 1 to 1000 cases");
    if (!draw || !draw.IsMap()) r.error(node, "random: N needs draw: {NAME: [LOW, HIGH]} (the defines to draw)");
    else
        for (const auto& entry : draw) {
            const YAML::Node range = entry.second;
            if (!range.IsSequence() || range.size() != 2) {
                r.error(range, "draw " + entry.first.Scalar() + ": expected [LOW, HIGH]");
                continue;
            }
            Draw d{entry.first.Scalar(), r.integer(range[0], "low").value_or(0),
                   r.integer(range[1], "high").value_or(0)};
            if (d.low > d.high) r.error(range, "draw " + d.name + ": LOW is above HIGH");
            random->draws.push_back(d);
        }
    random->shape = c;
    return true;
}

Case read_test_run(YamlReader& r, const YAML::Node& test) {
    Case base;
    base.where = r.at(test);
    if (const YAML::Node n = test["run"]) read_run(r, n, base.run);
    read_limits(r, test, base.run.limits, "test");
    if (const YAML::Node n = test["expect"]) base.expect = read_expect(r, n);
    return base;
}

void read_cases(YamlReader& r, const YAML::Node& list, const Case& base, Test& t) {
    if (!list.IsSequence()) {
        r.error(list, "cases: expected a list of cases");
        return;
    }
    for (const YAML::Node& item : list) {
        Case c;
        Test::Random random;
        if (!read_case(r, item, base, c, &random)) continue;
        if (random.count) t.random.push_back(std::move(random));
        else t.cases.push_back(std::move(c));
    }
}

}  // namespace trapvm::grader
