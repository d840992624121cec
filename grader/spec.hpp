// A lab's grading spec: lab.yaml, read and checked (labs/README.md is the
// reference for every key).
//
//   lab.yaml --load_spec()--> Spec --grade()--> Results --format--> results.json
//
// Loading checks everything that can be checked before a submission is
// seen: known keys only (a typo is an error naming it, with a
// did-you-mean), points that add up, unique test names, dependencies on
// earlier tests only, every referenced file present. Each error says
// lab.yaml:LINE:COLUMN.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace trapvm::grader {

// A place in lab.yaml, for messages.
struct Where {
    std::string file;
    int line = 0;  // 1-based; 0: the file as a whole
    int column = 0;
};
std::string to_string(const Where& w);  // "labs/asm/lab.yaml:12:5"

// The limits of one run; unset fields take the test's, then the lab's
// defaults, then the built-in ones (labs/README.md, "Limits").
struct Limits {
    std::optional<uint64_t> max_steps;
    std::optional<uint64_t> max_output;  // console bytes
    std::optional<uint32_t> mem_size;
    std::optional<uint32_t> quantum;
    std::optional<double> timeout;  // seconds of wall clock
    void fill_from(const Limits& outer);
};

using Defines = std::vector<std::pair<std::string, int64_t>>;

// What one run is: the programs, how, with what input.
struct RunSpec {
    std::vector<std::string> programs;  // one, or one per VM
    bool vmm = false;
    std::optional<std::string> technique;   // vmm: KIND (vmm/technique.hpp): the monitor's technique
    std::optional<std::string> input;       // console input bytes
    std::optional<std::string> input_file;  // or from a file of the lab
    Defines defines;
    Limits limits;
};

// One memory expectation: words at a label or an address.
struct MemoryWords {
    std::string at;  // a label, or a number as written
    std::vector<uint32_t> words;
    size_t count = 0;  // same_as_solution: how many words to compare
};

struct Expect {
    std::optional<int64_t> status;
    std::optional<std::string> stdout_exact;
    std::optional<std::string> stdout_matches;  // an ECMAScript regex, searched for
    std::vector<std::string> stdout_contains;
    std::optional<std::string> stop;  // a --state-json stop.reason
    std::vector<std::pair<std::string, uint32_t>> regs, csrs;
    std::vector<MemoryWords> memory;
    std::optional<uint64_t> max_exits;  // under the monitor: at most this many exits (the leaderboard's count)
    // same_as_solution: what of the solution's run to compare.
    bool same_as_solution = false;
    std::vector<std::string> same_fields;  // "stop", "stdout", register and csr names
    std::vector<MemoryWords> same_memory;
    bool empty() const;
};

// A range a random define is drawn from, inclusive.
struct Draw {
    std::string name;
    int64_t low = 0, high = 0;
};

struct Case {
    std::string name;  // "case 2", or the case's own
    RunSpec run;       // merged over the test's run
    Expect expect;
    Where where;
};

enum class TestKind { Run, Trace, Equivalence, ResourceControl, Efficiency, Leaderboard, Answers, Manual };
enum class Visibility { Visible, AfterDueDate, Hidden };
const char* name_of(TestKind k);
const char* name_of(Visibility v);

struct Test {
    std::string name;
    double points = 0;
    TestKind kind = TestKind::Run;
    Visibility visibility = Visibility::Visible;
    std::vector<std::string> depends;
    std::string hint;
    bool partial = false;  // scoring: partial (points split over cases)
    std::vector<Case> cases;
    std::vector<std::string> properties;  // trace: syscalls-return, calling-convention, no-innocuous-exits
    double min_direct_share = 0;          // efficiency
    std::string metric, order = "asc";    // leaderboard
    std::string profile;                  // the ISA profile of its runs ("": the lab's)
    std::string diverges_at;              // equivalence: expected not equivalent, first at this mnemonic
    std::string answers;                  // answers: the submission file (labs/virt/README.md has the format)
    std::string grade;                    // answers: classes | theorems | divergence
    std::string file;                     // manual: the submission file graded by hand
    // Random cases: expanded per grading run from the seed (expand_random).
    struct Random {
        size_t count = 0;
        std::vector<Draw> draws;
        Case shape;
    };
    std::vector<Random> random;
    Where where;
    size_t index = 0;  // its place in lab.yaml's tests: (a test that could not be read is not in Spec::tests)
};

// A submission file: its name in the submission folder, and where the
// solution's copy is (a toolkit path, or solution/... in the lab).
struct LabFile {
    std::string name;
    std::string solution;
};

// How a cpp lab's runner is built from a submission (the C++ labs fill it).
struct Build {
    std::vector<std::string> command;  // argv, run in the work folder
    std::string runner;                // the program it produces, relative to the work folder
    double timeout = 300;
    std::vector<std::string> env;  // NAME=VALUE
};

// A step before the tests: assemble a tree file to a raw binary (the guest
// OS's user programs, which the boot programs .incbin).
struct Prepare {
    std::string program, output;
    bool raw = true;
};

struct Spec {
    std::string path;     // lab.yaml
    std::string dir;      // the lab folder
    std::string toolkit;  // the toolkit root: the folder holding labs/ (tree and solution paths)
    std::string lab, title;
    double points = 0;
    std::string kind = "asm";  // asm | cpp
    std::string profile;       // the ISA profile of every test's runs ("": pg32)
    std::vector<LabFile> files;
    std::string tree;                       // a toolkit folder, or ""
    std::vector<std::string> include_dirs;  // -I, relative to the work folder
    std::vector<Prepare> prepare;
    std::optional<Build> build;
    Limits defaults;
    std::optional<uint64_t> seed;  // nothing: seed: random
    std::vector<Test> tests;
    const Test* find(const std::string& name) const;
    // The profile a test's runs use: its own, the lab's, or pg32.
    std::string profile_of(const Test& t) const;
};

struct SpecError {
    Where where;
    std::string message;
};
std::string to_string(const SpecError& e);  // "lab.yaml:3:1: error: ..."

// Reads and checks PATH (a lab.yaml, or a lab folder holding one).
// toolkit: the root tree and solution paths are relative to ("" : the
// lab folder's grandparent, as for labs/NAME). Errors in file order.
struct LoadResult {
    std::optional<Spec> spec;
    std::vector<SpecError> errors;
};
LoadResult load_spec(const std::string& path, const std::string& toolkit = "");

// A lab in a toolkit's labs/ folder (its name must be the folder's), and
// the toolkit of a lab folder: the one it is in, else $TRAPVM_TOOLKIT,
// else the one trapvm was built from.
bool in_labs_folder(const std::string& lab_dir);
std::string default_toolkit(const std::string& lab_dir);

// Where a program or file named in lab.yaml is, by the rule of
// labs/README.md: tests/ and solution/ are the lab's, a submission file's
// name is the submission's, anything else is in the tree.
enum class Origin { Lab, Submission, Tree };
Origin origin_of(const Spec& spec, const std::string& path);

}  // namespace trapvm::grader
