// What lab.yaml's values mean together: points add up, names are unique,
// dependencies point to earlier tests (so there are no cycles), every file
// named exists, and every test can fail (it expects something).
#include "grader/spec_read.hpp"
#include "isa-spec/isa.hpp"

#include <cmath>
#include <filesystem>
#include <map>

namespace trapvm::grader {

namespace fs = std::filesystem;

namespace {

const char* const kProperties[] = {"syscalls-return", "calling-convention", "no-innocuous-exits"};
const char* const kMetrics[] = {"exits", "steps", "emulated"};
const char* const kAnswerParts[] = {"classes", "theorems", "divergence"};

bool safe_relative(const std::string& path) {
    fs::path p(path);
    if (path.empty() || p.is_absolute()) return false;
    for (const fs::path& part : p)
        if (part == "..") return false;
    return true;
}

class Checker {
public:
    Checker(YamlReader& r, const YAML::Node& root, Spec& spec) : r_(r), root_(root), spec_(spec) {}

    void run() {
        check_top();
        check_files();
        std::map<std::string, size_t> seen;
        double total = 0;
        for (size_t i = 0; i < spec_.tests.size(); ++i) {
            check_test(i, seen);
            total += spec_.tests[i].points;
            seen.emplace(spec_.tests[i].name, i);
        }
        if (std::fabs(total - spec_.points) > 1e-9)
            r_.error(root_["points"], "points: " + number(spec_.points) + ", but the tests' points add up to " +
                                          number(total) + ": make them equal");
    }

private:
    static std::string number(double v) {
        std::string s = std::to_string(v);
        s.erase(s.find_last_not_of('0') + 1);
        if (s.back() == '.') s.pop_back();
        return s;
    }

    YAML::Node test_node(size_t i, const char* key) {
        YAML::Node t = root_["tests"][spec_.tests[i].index];
        YAML::Node n = t[key];
        return n ? n : t;
    }

    // A profile named in lab.yaml: one of profiles.tbl's.
    void check_profile(const std::string& name, const YAML::Node& where) {
        if (name.empty() || pg32::profile_by_name(name)) return;
        std::vector<std::string> names;
        for (const pg32::ProfileInfo& p : pg32::kProfiles) names.push_back(p.name);
        std::string hint = did_you_mean(name, names);
        r_.error(where, "profile '" + name + "': no such ISA profile (isa-spec/tables/profiles.tbl)" +
                            (hint.empty() ? "" : ": did you mean '" + hint + "'?"));
    }

    bool is_file(const std::string& name) const {
        for (const LabFile& f : spec_.files)
            if (f.name == name) return true;
        return false;
    }

    // kind answers and manual: what they read, what they grade.
    void check_answers(size_t i) {
        const Test& t = spec_.tests[i];
        if (t.kind == TestKind::Manual) {
            if (!t.file.empty() && !is_file(t.file))
                r_.error(test_node(i, "file"), "file: '" + t.file + "' is not one of files: (what students hand in)");
            return;
        }
        if (t.answers.empty()) return r_.error(test_node(i, "kind"), "an answers test needs answers: (one of files:)");
        if (!is_file(t.answers))
            r_.error(test_node(i, "answers"),
                     "answers: '" + t.answers + "' is not one of files: (what students hand in)");
        if (std::find(std::begin(kAnswerParts), std::end(kAnswerParts), t.grade) == std::end(kAnswerParts))
            r_.error(test_node(i, "grade"), "grade: '" + t.grade + "': expected classes, theorems or divergence");
        if (spec_.profile_of(t) == "pg32")
            r_.error(test_node(i, "kind"), "an answers test grades a flawed profile's answers: give profile:");
    }

    // profile:, diverges_at:, and the keys of kinds answers and manual.
    void check_profiles_and_answers(size_t i) {
        const Test& t = spec_.tests[i];
        check_profile(t.profile, test_node(i, "profile"));
        bool marked = t.kind == TestKind::Answers || t.kind == TestKind::Manual;
        if (marked) check_answers(i);
        for (const char* key : {"answers", "grade", "file"})
            if (!marked && root_["tests"][t.index][key])
                r_.error(test_node(i, key), std::string(key) + ": is for kind: answers or manual");
        if (!t.diverges_at.empty() && t.kind != TestKind::Equivalence)
            r_.error(test_node(i, "diverges_at"), "diverges_at: is for kind: equivalence");
        const pg32::ProfileInfo* profile = pg32::profile_by_name(spec_.profile_of(t));
        if (!t.diverges_at.empty() && profile && !pg32::op_by_mnemonic(t.diverges_at, *profile))
            r_.error(test_node(i, "diverges_at"),
                     "diverges_at: '" + t.diverges_at + "' is no instruction of profile " + profile->name);
    }

    void check_top() {
        check_profile(spec_.profile, root_["profile"]);
        std::string folder = fs::path(spec_.dir).filename().string();
        if (!spec_.lab.empty() && spec_.lab != folder && in_labs_folder(spec_.dir))
            r_.error(root_["lab"],
                     "lab: '" + spec_.lab + "', but the lab's folder is '" + folder + "': make them equal");
        if (spec_.kind == "cpp" && !spec_.build) r_.error(root_["kind"], "a cpp lab needs build: (the runner's build)");
        if (spec_.kind == "asm" && spec_.build) r_.error(root_["build"], "build: is for cpp labs (kind: cpp)");
        if (!spec_.tree.empty() && !fs::is_directory(fs::path(spec_.toolkit) / spec_.tree))
            r_.error(root_["tree"], "tree: no folder " + (fs::path(spec_.toolkit) / spec_.tree).string());
        for (const Prepare& p : spec_.prepare) {
            check_file(p.program, root_["prepare"], "prepare program");
            if (!safe_relative(p.output))
                r_.error(root_["prepare"],
                         "prepare output '" + p.output + "': expected a relative path inside the work folder");
        }
        for (const std::string& d : spec_.include_dirs)
            if (!safe_relative(d))
                r_.error(root_["include"], "include: '" + d + "' must be a relative path inside the work folder");
    }

    void check_files() {
        std::map<std::string, int> names;
        for (const LabFile& f : spec_.files) {
            YAML::Node where = root_["files"];
            if (!safe_relative(f.name))
                r_.error(where, "file name '" + f.name + "': expected a relative path without ..");
            if (names[f.name]++) r_.error(where, "file '" + f.name + "' is listed twice");
            if (!f.solution.empty() && !fs::is_regular_file(path_of(f.solution, true)))
                r_.error(where, "file '" + f.name + "': its solution " + path_of(f.solution, true) + " does not exist");
        }
    }

    // Where a path of lab.yaml is, for the existence checks.
    std::string path_of(const std::string& path, bool solution) const {
        if (solution && path.rfind("solution/", 0) != 0) return (fs::path(spec_.toolkit) / path).string();
        Origin o = origin_of(spec_, path);
        if (o == Origin::Tree) return (fs::path(spec_.toolkit) / spec_.tree / path).string();
        return (fs::path(spec_.dir) / path).string();
    }

    void check_file(const std::string& path, const YAML::Node& where, const std::string& what) {
        if (!safe_relative(path)) return r_.error(where, what + " '" + path + "': expected a relative path without ..");
        if (origin_of(spec_, path) == Origin::Submission) return;
        if (!fs::is_regular_file(path_of(path, false)))
            r_.error(where, what + " " + path + ": no such file (" + path_of(path, false) + ")");
    }

    void check_depends(size_t i, const std::map<std::string, size_t>& seen) {
        const Test& t = spec_.tests[i];
        for (const std::string& d : t.depends) {
            YAML::Node where = test_node(i, "depends");
            if (d == t.name) r_.error(where, "test '" + t.name + "' depends on itself");
            else if (seen.count(d)) continue;
            else if (spec_.find(d))
                r_.error(where, "depends: '" + d + "' comes later: a test depends only on tests above it");
            else {
                std::vector<std::string> names;
                for (const Test& other : spec_.tests) names.push_back(other.name);
                std::string hint = did_you_mean(d, names);
                r_.error(where, "depends: no test is named '" + d + "'" +
                                    (hint.empty() ? "" : ": did you mean '" + hint + "'?"));
            }
        }
    }

    void check_kind(size_t i) {
        const Test& t = spec_.tests[i];
        for (const std::string& p : t.properties)
            if (std::find(std::begin(kProperties), std::end(kProperties), p) == std::end(kProperties))
                r_.error(test_node(i, "properties"),
                         "property '" + p + "': expected syscalls-return, calling-convention or no-innocuous-exits");
        if (t.kind == TestKind::Trace && t.properties.empty())
            r_.error(test_node(i, "kind"), "a trace test needs properties:");
        check_profiles_and_answers(i);
        if (t.kind != TestKind::Trace && !t.properties.empty())
            r_.error(test_node(i, "properties"), "properties: is for kind: trace");
        if (t.kind == TestKind::Leaderboard) {
            if (std::find(std::begin(kMetrics), std::end(kMetrics), t.metric) == std::end(kMetrics))
                r_.error(test_node(i, "metric"), "metric '" + t.metric + "': expected exits, steps or emulated");
            if (t.order != "asc" && t.order != "desc") r_.error(test_node(i, "order"), "order: expected asc or desc");
            if (t.points != 0) r_.error(test_node(i, "points"), "a leaderboard test is not scored: points: 0");
        }
        if (t.kind == TestKind::Efficiency && !root_["tests"][t.index]["min_direct_share"])
            r_.error(test_node(i, "kind"), "an efficiency test needs min_direct_share: (0..1)");
    }

    void check_case(size_t i, const Case& c) {
        const Test& t = spec_.tests[i];
        YAML::Node where = test_node(i, "run");
        bool runs = !(t.kind == TestKind::Manual || (t.kind == TestKind::Answers && t.grade != "divergence"));
        if (!runs && !c.run.programs.empty())
            r_.error(where, "test '" + t.name + "' runs nothing: no run: (it reads " +
                                (t.kind == TestKind::Manual ? "a file graded by hand" : "the answers") + ")");
        if (!runs) return;
        if (c.run.programs.empty())
            r_.error(where, "test '" + t.name + "' (" + c.name + ") runs no program: add run: {program: ...}");
        for (const std::string& p : c.run.programs) check_file(p, where, "program");
        if (c.run.input_file) check_file(*c.run.input_file, where, "input_file");
        if (t.kind == TestKind::Run && c.expect.empty())
            r_.error(where,
                     "test '" + t.name + "' (" + c.name + ") expects nothing, so it would pass anything: add expect:");
        if (c.expect.same_as_solution)
            for (const LabFile& f : spec_.files)
                if (f.solution.empty())
                    r_.error(where, "same_as_solution needs every file's solution: (" + f.name + " has none)");
        if (t.kind == TestKind::Run && c.run.programs.size() > 1 && !c.run.vmm)
            r_.error(where, "several programs run side by side only under the monitor: vmm: true");
        if (c.expect.max_exits && !c.run.vmm)
            r_.error(where, "max_exits counts the monitor's exits: the run needs vmm: true or a technique");
        if (t.kind == TestKind::Trace && (c.run.vmm || c.run.programs.size() > 1))
            r_.error(where, "a trace test watches one program on the bare machine: no vmm:, one program");
        bool both = t.kind == TestKind::Equivalence || t.kind == TestKind::Efficiency ||
                    (t.kind == TestKind::Answers && t.grade == "divergence");
        if (both && ((c.run.vmm && !c.run.technique) || c.run.programs.size() > 1))
            r_.error(where, std::string("an ") + name_of(t.kind) +
                                " test runs one program bare and under the monitor itself: one program, and vmm: "
                                "only to name a technique (vmm: hybrid)");
    }

    void check_test(size_t i, const std::map<std::string, size_t>& seen) {
        const Test& t = spec_.tests[i];
        if (seen.count(t.name))
            r_.error(test_node(i, "name"), "test name '" + t.name + "' is used twice (first by test " +
                                               std::to_string(seen.at(t.name) + 1) + "): names must be unique");
        check_depends(i, seen);
        check_kind(i);
        for (const Case& c : t.cases) check_case(i, c);
        for (const Test::Random& r : t.random) check_case(i, r.shape);
    }

    YamlReader& r_;
    const YAML::Node& root_;
    Spec& spec_;
};

}  // namespace

void check_spec(YamlReader& r, const YAML::Node& root, Spec& spec) { Checker(r, root, spec).run(); }

}  // namespace trapvm::grader
