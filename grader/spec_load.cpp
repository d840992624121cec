// load_spec(): lab.yaml's top level and its tests (spec_read.cpp reads
// runs, expectations and cases; spec_check.cpp checks the whole).
#include "grader/catalog.hpp"
#include "grader/spec_read.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace trapvm::grader {

namespace fs = std::filesystem;

std::string to_string(const Where& w) {
    if (w.line == 0) return w.file;
    return w.file + ":" + std::to_string(w.line) + ":" + std::to_string(w.column);
}

std::string to_string(const SpecError& e) { return to_string(e.where) + ": error: " + e.message; }

void Limits::fill_from(const Limits& outer) {
    if (!max_steps) max_steps = outer.max_steps;
    if (!max_output) max_output = outer.max_output;
    if (!mem_size) mem_size = outer.mem_size;
    if (!quantum) quantum = outer.quantum;
    if (!timeout) timeout = outer.timeout;
}

bool Expect::empty() const {
    return !status && !stdout_exact && !stdout_matches && stdout_contains.empty() && !stop && regs.empty() &&
           csrs.empty() && memory.empty() && !max_exits && !same_as_solution;
}

const char* name_of(TestKind k) {
    switch (k) {
    case TestKind::Run: return "run";
    case TestKind::Trace: return "trace";
    case TestKind::Equivalence: return "equivalence";
    case TestKind::ResourceControl: return "resource-control";
    case TestKind::Efficiency: return "efficiency";
    case TestKind::Leaderboard: return "leaderboard";
    case TestKind::Answers: return "answers";
    case TestKind::Manual: return "manual";
    }
    return "?";
}

const char* name_of(Visibility v) {
    switch (v) {
    case Visibility::Visible: return "visible";
    case Visibility::AfterDueDate: return "after_due_date";
    case Visibility::Hidden: return "hidden";
    }
    return "?";
}

std::string Spec::profile_of(const Test& t) const {
    if (!t.profile.empty()) return t.profile;
    return profile.empty() ? "pg32" : profile;
}

const Test* Spec::find(const std::string& name) const {
    for (const Test& t : tests)
        if (t.name == name) return &t;
    return nullptr;
}

namespace {

template <class E>
std::optional<E> pick(YamlReader& r, const YAML::Node& n, const std::string& what, std::initializer_list<E> values) {
    std::optional<std::string> s = r.text(n, what);
    std::string list;
    for (E v : values) {
        if (s && *s == name_of(v)) return v;
        list += std::string(list.empty() ? "" : ", ") + name_of(v);
    }
    if (s) r.error(n, what + " '" + *s + "': expected one of " + list);
    return std::nullopt;
}

void read_kind_keys(YamlReader& r, const YAML::Node& node, Test& t) {
    if (const YAML::Node n = node["properties"]) t.properties = r.strings(n, "properties");
    if (const YAML::Node n = node["min_direct_share"])
        t.min_direct_share = r.number(n, "min_direct_share", 0, 1).value_or(0);
    if (const YAML::Node n = node["metric"]) t.metric = r.text(n, "metric").value_or("");
    if (const YAML::Node n = node["order"]) t.order = r.text(n, "order").value_or("asc");
    if (const YAML::Node n = node["profile"]) t.profile = r.text(n, "profile").value_or("");
    if (const YAML::Node n = node["diverges_at"]) t.diverges_at = r.text(n, "diverges_at").value_or("");
    if (const YAML::Node n = node["answers"]) t.answers = r.text(n, "answers").value_or("");
    if (const YAML::Node n = node["grade"]) t.grade = r.text(n, "grade").value_or("");
    if (const YAML::Node n = node["file"]) t.file = r.text(n, "file").value_or("");
    if (const YAML::Node n = node["scoring"]) {
        std::string s = r.text(n, "scoring").value_or("entire");
        if (s != "entire" && s != "partial") r.error(n, "scoring '" + s + "': expected entire or partial");
        t.partial = s == "partial";
    }
}

std::optional<Test> read_test(YamlReader& r, const YAML::Node& node, size_t index) {
    if (!r.keys(node, {"name",      "points",     "kind",       "visibility",       "depends", "hint",    "run",
                       "expect",    "cases",      "properties", "min_direct_share", "metric",  "order",   "scoring",
                       "max_steps", "max_output", "mem_size",   "quantum",          "timeout", "profile", "diverges_at",
                       "answers",   "grade",      "file"},
                "test " + std::to_string(index + 1)))
        return std::nullopt;
    Test t;
    t.where = r.at(node);
    t.index = index;
    if (const YAML::Node n = node["name"]) t.name = r.text(n, "name").value_or("");
    else r.error(node, "test " + std::to_string(index + 1) + " has no name:");
    if (const YAML::Node n = node["points"]) t.points = r.number(n, "points", 0, 1e6).value_or(0);
    if (const YAML::Node n = node["kind"])
        t.kind = pick(r, n, "kind",
                      {TestKind::Run, TestKind::Trace, TestKind::Equivalence, TestKind::ResourceControl,
                       TestKind::Efficiency, TestKind::Leaderboard, TestKind::Answers, TestKind::Manual})
                     .value_or(TestKind::Run);
    if (const YAML::Node n = node["visibility"])
        t.visibility = pick(r, n, "visibility", {Visibility::Visible, Visibility::AfterDueDate, Visibility::Hidden})
                           .value_or(Visibility::Visible);
    if (const YAML::Node n = node["depends"]) t.depends = r.strings(n, "depends");
    if (const YAML::Node n = node["hint"]) t.hint = r.text(n, "hint").value_or("");
    read_kind_keys(r, node, t);
    if (t.kind == TestKind::Answers && !node["scoring"]) t.partial = true;  // per instruction, by default
    Case base = read_test_run(r, node);
    if (const YAML::Node n = node["cases"]) read_cases(r, n, base, t);
    else t.cases.push_back(std::move(base));
    for (size_t i = 0; i < t.cases.size(); ++i)
        if (t.cases[i].name.empty()) t.cases[i].name = "case " + std::to_string(i + 1);
    return t;
}

void read_files(YamlReader& r, const YAML::Node& list, Spec& spec) {
    if (!list.IsSequence()) return r.error(list, "files: expected a list of {name: FILE, solution: PATH}");
    for (const YAML::Node& item : list) {
        if (!r.keys(item, {"name", "solution"}, "a file")) continue;
        LabFile f;
        if (const YAML::Node n = item["name"]) f.name = r.text(n, "file name").value_or("");
        else r.error(item, "a file needs name: (its name in the submission folder)");
        if (const YAML::Node n = item["solution"]) f.solution = r.text(n, "solution").value_or("");
        spec.files.push_back(std::move(f));
    }
}

void read_build(YamlReader& r, const YAML::Node& node, Spec& spec) {
    if (!r.keys(node, {"command", "runner", "timeout", "env"}, "build")) return;
    Build b;
    if (const YAML::Node n = node["command"]) b.command = r.strings(n, "build command");
    if (const YAML::Node n = node["runner"]) b.runner = r.text(n, "runner").value_or("");
    if (const YAML::Node n = node["timeout"]) b.timeout = r.seconds(n, "build timeout").value_or(300);
    if (const YAML::Node n = node["env"]) b.env = r.strings(n, "build env");
    if (b.command.empty() || b.runner.empty()) r.error(node, "build: needs command: and runner:");
    spec.build = std::move(b);
}

void read_prepare(YamlReader& r, const YAML::Node& list, Spec& spec) {
    if (!list.IsSequence()) return r.error(list, "prepare: expected a list of {program: SRC, output: BIN}");
    for (const YAML::Node& item : list) {
        if (!r.keys(item, {"program", "output", "raw"}, "a prepare step")) continue;
        Prepare p;
        if (const YAML::Node n = item["program"]) p.program = r.text(n, "program").value_or("");
        if (const YAML::Node n = item["output"]) p.output = r.text(n, "output").value_or("");
        if (const YAML::Node n = item["raw"]) p.raw = r.boolean(n, "raw").value_or(true);
        if (p.program.empty() || p.output.empty()) r.error(item, "a prepare step needs program: and output:");
        spec.prepare.push_back(std::move(p));
    }
}

void read_top(YamlReader& r, const YAML::Node& root, Spec& spec) {
    if (const YAML::Node n = root["lab"]) spec.lab = r.text(n, "lab").value_or("");
    else r.error(Where{r.file(), 1, 1}, "lab.yaml has no lab: (the lab's folder name)");
    if (const YAML::Node n = root["title"]) spec.title = r.text(n, "title").value_or("");
    if (const YAML::Node n = root["points"]) spec.points = r.number(n, "points", 0, 1e6).value_or(0);
    else r.error(Where{r.file(), 1, 1}, "lab.yaml has no points: (the total, which the tests' points add up to)");
    if (const YAML::Node n = root["kind"]) spec.kind = r.text(n, "kind").value_or("asm");
    if (const YAML::Node n = root["profile"]) spec.profile = r.text(n, "profile").value_or("");
    if (spec.kind != "asm" && spec.kind != "cpp")
        r.error(root["kind"], "kind '" + spec.kind + "': expected asm or cpp");
    if (const YAML::Node n = root["files"]) read_files(r, n, spec);
    if (const YAML::Node n = root["tree"]) spec.tree = r.text(n, "tree").value_or("");
    if (const YAML::Node n = root["include"]) spec.include_dirs = r.strings(n, "include");
    if (const YAML::Node n = root["prepare"]) read_prepare(r, n, spec);
    if (const YAML::Node n = root["build"]) read_build(r, n, spec);
    if (const YAML::Node n = root["defaults"])
        if (r.keys(n, {"max_steps", "max_output", "mem_size", "quantum", "timeout"}, "defaults"))
            read_limits(r, n, spec.defaults, "defaults");
    if (const YAML::Node n = root["seed"]) {
        if (!(n.IsScalar() && n.Scalar() == "random")) spec.seed = r.count(n, "seed (or random)", false);
    }
}

std::optional<std::string> read_text_file(const std::string& path, std::string* error) {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) return *error = path + ": no such file", std::nullopt;
    if (fs::file_size(path, ec) > (1u << 20)) return *error = path + ": larger than 1 MiB", std::nullopt;
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return *error = path + ": cannot be read", std::nullopt;
    return text.str();
}

}  // namespace

bool in_labs_folder(const std::string& lab_dir) { return fs::path(lab_dir).parent_path().filename() == "labs"; }

// labs/NAME in a toolkit: that toolkit; a lab anywhere else (exported,
// packaged): the toolkit trapvm was built from, or when its sources are
// gone, an installed trapvm's P/share/trapvm (the vmm sources, guest-os).
std::string default_toolkit(const std::string& lab_dir) {
    if (in_labs_folder(lab_dir)) return fs::path(lab_dir).parent_path().parent_path().string();
    if (const char* env = std::getenv("TRAPVM_TOOLKIT"); env && *env) return env;
    std::error_code ec;
    std::string self = self_path();
    fs::path installed = fs::path(self).parent_path().parent_path() / "share" / "trapvm";
    if (!self.empty() && !fs::is_directory(TRAPVM_SOURCE_DIR, ec) && fs::is_directory(installed / "vmm", ec))
        return installed.string();
    return TRAPVM_SOURCE_DIR;
}

LoadResult load_spec(const std::string& given, const std::string& toolkit) {
    LoadResult out;
    std::string path = fs::is_directory(given) ? (fs::path(given) / "lab.yaml").string() : given;
    std::string error;
    std::optional<std::string> text = read_text_file(path, &error);
    if (!text) {
        out.errors.push_back(SpecError{Where{path, 0, 0}, error});
        return out;
    }
    YamlReader r(path, out.errors);
    YAML::Node root;
    try {
        root = YAML::Load(*text);
    } catch (const YAML::Exception& e) {
        out.errors.push_back({{path, e.mark.line + 1, e.mark.column + 1}, "not valid YAML: " + e.msg});
        return out;
    }
    if (!r.keys(root,
                {"lab", "title", "points", "kind", "profile", "files", "tree", "include", "prepare", "build",
                 "defaults", "seed", "tests"},
                "lab.yaml"))
        return out;
    Spec spec;
    spec.path = path;
    spec.dir = fs::absolute(fs::path(path)).parent_path().lexically_normal().string();
    spec.toolkit = toolkit.empty() ? default_toolkit(spec.dir) : toolkit;
    read_top(r, root, spec);
    const YAML::Node tests = root["tests"];
    if (!tests || !tests.IsSequence() || tests.size() == 0)
        r.error(tests ? tests : root, "lab.yaml needs tests: a list of tests");
    else
        for (size_t i = 0; i < tests.size(); ++i)
            if (std::optional<Test> t = read_test(r, tests[i], i)) spec.tests.push_back(std::move(*t));
    check_spec(r, root, spec);
    if (out.errors.empty()) out.spec = std::move(spec);
    return out;
}

Origin origin_of(const Spec& spec, const std::string& path) {
    for (const LabFile& f : spec.files)
        if (f.name == path) return Origin::Submission;
    if (path.rfind("tests/", 0) == 0 || path.rfind("solution/", 0) == 0 || spec.tree.empty()) return Origin::Lab;
    return Origin::Tree;
}

}  // namespace trapvm::grader
