// trapvm grade LAB SUBMISSION_DIR: grade a submission against a lab's
// lab.yaml; trapvm grade LAB --batch DIR: every submission in DIR.
//
// The results file (-o) is written after every test, atomically (a
// temporary file renamed over it), and always: even when the grader itself
// fails, every test it did not run is there with 0 points and why. A path
// that is not a regular file (a fifo, /dev/stdout, a link) gets the final
// results once, in place.
//
// Exit status: 0 graded (whatever the score), 2 bad command line, 65 a bad
// lab.yaml, 66 a lab or submission that cannot be found, 70 the grader
// failed (results still written), 73 the results cannot be written.
#include "grader/batch.hpp"
#include "grader/build.hpp"
#include "grader/catalog.hpp"
#include "grader/formats.hpp"
#include "grader/grade.hpp"
#include "tools/commands.hpp"
#include "tools/outcome.hpp"
#include "tools/run_support.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cstdlib>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

namespace trapvm::cli {

namespace fs = std::filesystem;

// The results file is replaced (a temporary file renamed over it) only when
// it is a regular file, not a symbolic link, or does not exist yet. Anything
// else (/dev/null, /dev/stdout, a fifo, a link) is written in place: a
// rename would put a regular file where the device, the fifo or the link
// was (as root, /dev/null for everyone).
bool replaces(const std::string& path) {
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0) return errno == ENOENT;
    return S_ISREG(st.st_mode);
}

bool write_all(int fd, const std::string& text) {
    for (size_t done = 0; done < text.size();) {
        ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        done += static_cast<size_t>(n);
    }
    return true;
}

bool write_in_place(const std::string& path, const std::string& text, std::string* error) {
    int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) return *error = "cannot write the results " + path + ": " + std::strerror(errno), false;
    bool ok = write_all(fd, text);
    if (::close(fd) != 0) ok = false;
    return ok || (*error = "cannot write the results " + path, false);
}

// Writes text to path so that a reader never sees half a file: a new file
// (O_EXCL: never one planted there, never through a link) renamed over it;
// in place when replaces() says no. False with *error.
bool write_atomically(const std::string& path, const std::string& text, std::string* error) {
    if (!replaces(path)) return write_in_place(path, text, error);
    std::string temporary = path + ".XXXXXX";
    int fd = ::mkstemp(temporary.data());
    if (fd < 0) return *error = "cannot write the results " + path + ": " + std::strerror(errno), false;
    mode_t mask = ::umask(0);
    ::umask(mask);
    bool ok = ::fchmod(fd, 0666 & ~mask) == 0 && write_all(fd, text);
    if (::close(fd) != 0) ok = false;
    if (ok && std::rename(temporary.c_str(), path.c_str()) == 0) return true;
    ::unlink(temporary.c_str());
    return *error = "cannot write the results " + path + " (through " + temporary + ")", false;
}

// The lab's spec, after printing every error of lab.yaml; *status on
// failure, and the errors in *errors when it is given.
std::optional<grader::Spec> open_spec(const std::string& command, const std::string& lab, const std::string& labs,
                                      int* status, std::string* errors) {
    std::string error;
    std::optional<std::string> dir = grader::find_lab(lab, grader::lab_folders(labs), &error);
    if (!dir) {
        if (errors) *errors = error;
        return *status = fail(command, error, kExitNoInput), std::nullopt;
    }
    grader::LoadResult loaded = grader::load_spec(*dir);
    for (const grader::SpecError& e : loaded.errors) {
        std::cerr << grader::to_string(e) << "\n";
        if (errors) *errors += grader::to_string(e) + "\n";
    }
    if (!loaded.spec) *status = kExitBadInput;
    return std::move(loaded.spec);
}

namespace {

struct GradeCommand {
    grader::GradeOptions options;
    grader::Format format = grader::Format::Text;
    std::string output;  // "" : stdout at the end
};

std::optional<GradeCommand> read_options(const Usage& usage, const po::variables_map& vars) {
    GradeCommand g;
    std::string format = vars.count("format")  ? vars["format"].as<std::string>()
                         : vars.count("batch") ? "json"
                                               : "text";
    std::optional<grader::Format> f = grader::format_by_name(format);
    if (!f)
        return usage_error(usage, "--format '" + format + "': expected text, json, gradescope, prairielearn or junit"),
               std::nullopt;
    g.format = *f;
    if (vars.count("output")) g.output = vars["output"].as<std::string>();
    if (vars.count("seed")) {
        std::optional<uint64_t> seed = parse_count(vars["seed"].as<std::string>());
        if (!seed)
            return usage_error(usage, "--seed '" + vars["seed"].as<std::string>() + "': expected a number"),
                   std::nullopt;
        g.options.seed = *seed;
    }
    if (vars.count("user")) g.options.user = vars["user"].as<std::string>();
    else if (const char* user = std::getenv("TRAPVM_GRADE_USER"); user && *user) g.options.user = user;  // tests
    if (vars.count("scratch")) g.options.scratch = vars["scratch"].as<std::string>();
    if (vars.count("prefix")) g.options.prefix = vars["prefix"].as<std::string>();
    else if (const char* p = std::getenv("TRAPVM_PREFIX")) g.options.prefix = p;
    else g.options.prefix = grader::installed_prefix(grader::self_path());  // P of an installed P/bin/trapvm
    g.options.keep_work = vars.count("keep-work") > 0;
    g.options.trapvm = grader::self_path();
    return g;
}

// A lab that cannot be read still gets a results file (-o), saying why:
// an autograder must never be left without one.
int no_spec_results(const GradeCommand& g, const std::string& lab, const std::string& errors, int status) {
    if (g.output.empty()) return status;
    grader::Results r;
    r.lab = lab;
    r.gradable = false;
    r.done = true;
    r.grader_error = "the lab cannot be graded (a problem of the lab, not of the submission): " + errors;
    r.problems.push_back("the lab's lab.yaml has errors: please tell your instructor");
    std::string error;
    if (!write_atomically(g.output, grader::format_results(r, g.format), &error))
        return fail("grade", error, kExitCannotWrite);
    return status;
}

// A submission folder that is not there: every test 0 and why, in the
// results file too.
int no_submission_results(const grader::Spec& spec, const std::string& submission, const GradeCommand& g) {
    std::string why = "no submission folder " + submission;
    if (!g.output.empty()) {
        grader::Results r = grader::initial_results(spec, submission, grader::seed_of(spec, g.options));
        r.gradable = false;
        r.done = true;
        r.problems.push_back("not graded: " + why);
        for (grader::TestResult& t : r.tests) grader::settle_unrun(t, grader::Status::NotRun, "not run: " + why);
        std::string error;
        if (!write_atomically(g.output, grader::format_results(r, g.format), &error))
            return fail("grade", error, kExitCannotWrite);
    }
    return fail("grade", why, kExitNoInput);
}

// In place (a fifo, a terminal) only the final results are written: a
// reader of a fifo takes one document, and a second open would wait for a
// reader that is gone.
int grade_one(const grader::Spec& spec, const std::string& submission, const GradeCommand& g) {
    std::string write_error;
    bool every_test = replaces(g.output);
    auto write = [&](const grader::Results& r) {
        if (g.output.empty() || !write_error.empty() || (!every_test && !r.done)) return;
        write_atomically(g.output, grader::format_results(r, g.format), &write_error);
    };
    grader::Results r = grader::grade(spec, submission, g.options, write);
    if (!write_error.empty()) return fail("grade", write_error, kExitCannotWrite);
    if (g.output.empty()) std::cout << grader::format_results(r, g.format);
    if (!r.grader_error.empty()) return fail("grade", r.grader_error, kExitInternal);
    return kExitOk;
}

int grade_batch(const Usage& usage, const po::variables_map& vars, const grader::Spec& spec, const GradeCommand& g) {
    std::optional<uint64_t> jobs = read_count(usage, vars, "jobs", 1, "a number of jobs from 1 to 64", 1, 64);
    if (!jobs) return kExitUsage;
    grader::BatchOptions b{.grade = g.options,
                           .format = g.format,
                           .jobs = static_cast<int>(*jobs),
                           .dir = vars["batch"].as<std::string>(),
                           .output = g.output};
    std::string error;
    if (!grader::grade_batch(spec, b, &error)) return fail("grade", error, kExitNoInput);
    return kExitOk;
}

}  // namespace

int cmd_grade(const Args& args) {
    Usage usage{"grade", "LAB SUBMISSION_DIR [--format F] [-o FILE]  |  LAB --batch DIR [--jobs N] [-o OUT_DIR]",
                "Grades a submission (a folder holding the lab's files) against LAB's lab.yaml: LAB is a lab\n"
                "folder or a lab's name (labs/README.md). Each test runs as a child process with limits; the\n"
                "results are written after every test. With --batch, grades every subfolder of DIR and writes\n"
                "summary.csv and summary.json (and each submission's results) to OUT_DIR (default DIR).\n\n"
                "Exit status: 0 graded (whatever the score), 2 bad command line, 65 a bad lab.yaml, 66 no such\n"
                "lab or submission, 70 the grader failed (the results say why), 73 results not written."};
    usage.arguments.add_options()("inputs", po::value<std::vector<std::string>>(), "LAB and SUBMISSION_DIR");
    usage.positional.add("inputs", -1);
    usage.options.add_options()                                                                          //
        ("format", po::value<std::string>(), "text (default), json, gradescope, prairielearn or junit")  //
        ("output,o", po::value<std::string>(),
         "write the results here, after every test (default: stdout at the end)")                             //
        ("batch", po::value<std::string>(), "grade every subfolder of DIR")                                   //
        ("jobs,j", po::value<std::string>(), "with --batch: submissions graded at once (default 1)")          //
        ("seed", po::value<std::string>(), "the seed of random cases (default: lab.yaml's, or a fresh one)")  //
        ("labs", po::value<std::string>(), "look up lab names in DIR")                                        //
        ("user", po::value<std::string>(), "as root: run the tests as this user (default nobody)")            //
        ("prefix", po::value<std::string>(),
         "the installed toolkit, for cpp labs (default $TRAPVM_PREFIX, else an installed trapvm's own)")  //
        ("scratch", po::value<std::string>(), "make work folders in DIR (default $TMPDIR or /tmp)")       //
        ("profile", po::value<std::string>()->value_name("NAME"),
         "the ISA profile of the tests that name none (over lab.yaml's profile:; recorded in the results)")  //
        ("keep-work", "keep the work folders (to debug a lab)");
    Parsed parsed = parse(usage, args);
    if (parsed.exit) return *parsed.exit;
    const po::variables_map& vars = parsed.vars;
    std::vector<std::string> inputs = vars.count("inputs") ? vars["inputs"].as<std::vector<std::string>>() : Args{};
    bool batch = vars.count("batch") > 0;
    if (inputs.size() != (batch ? 1u : 2u))
        return usage_error(usage, batch ? "with --batch, give only LAB" : "expected LAB and SUBMISSION_DIR");
    std::optional<GradeCommand> g = read_options(usage, vars);
    if (!g) return kExitUsage;
    int status = kExitOk;
    std::string errors;
    std::optional<grader::Spec> spec =
        open_spec("grade", inputs[0], vars.count("labs") ? vars["labs"].as<std::string>() : "", &status, &errors);
    if (!spec) return no_spec_results(*g, inputs[0], errors, status);
    if (vars.count("profile")) spec->profile = vars["profile"].as<std::string>();  // checked by parse()
    if (batch) return grade_batch(usage, vars, *spec, *g);
    if (!fs::is_directory(inputs[1])) return no_submission_results(*spec, inputs[1], *g);
    return grade_one(*spec, inputs[1], *g);
}

}  // namespace trapvm::cli
