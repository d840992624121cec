// Gradescope and PrairieLearn packages (see package.hpp). The scripts are
// written here, whole, so that one file shows what runs on their images.
#include "grader/package.hpp"

#include "grader/sandbox.hpp"

#include <nlohmann/json.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace trapvm::grader {

namespace fs = std::filesystem;

namespace {

const char* const kSetup = R"(#!/usr/bin/env bash
# Gradescope runs this once, as root, while it builds the autograder image
# (made by trapvm lab package --gradescope). It installs the packages trapvm
# builds with, builds trapvm, and hides the lab's tests and solution from
# the unprivileged user the tests run as.
set -euo pipefail
root=${AUTOGRADER_ROOT:-/autograder}
source=$root/source
if [ -z "${TRAPVM_SKIP_APT:-}" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends @PACKAGES@
fi
mkdir -p "$source/build/tools"
if [ -n "${TRAPVM_PREBUILT:-}" ]; then
    cp "$TRAPVM_PREBUILT" "$source/build/tools/trapvm"
    if [ -n "${TRAPVM_PREBUILT_PREFIX:-}" ]; then ln -sfn "$TRAPVM_PREBUILT_PREFIX" "$source/prefix"; fi
else
    cmake -S "$source/toolkit" -B "$source/build" -G Ninja -DCMAKE_BUILD_TYPE=Release
    cmake --build "$source/build" --target trapvm
    cmake --install "$source/build" --prefix "$source/prefix" >/dev/null  # what cpp labs build against
fi
chmod 755 "$root" "$source" "$source/build" "$source/build/tools" "$source/build/tools/trapvm"
for hidden in "$source/lab/tests" "$source/lab/solution"; do
    if [ -e "$hidden" ]; then chmod -R o-rwx "$hidden"; fi
done
)";

const char* const kRunAutograder = R"(#!/usr/bin/env bash
# Gradescope runs this for each submission: grade it, write results.json.
# If trapvm cannot even start, results.json still says why.
root=${AUTOGRADER_ROOT:-/autograder}
mkdir -p "$root/results"
results=$root/results/results.json
rm -f "$results"
export TRAPVM_PREFIX=$root/source/prefix    # the installed toolkit, for cpp labs
export TRAPVM_TOOLKIT=$root/source/toolkit  # the lab's tree: and toolkit solution: paths
"$root/source/build/tools/trapvm" grade "$root/source/lab" "$root/submission" \
    --format gradescope -o "$results"
status=$?
if [ ! -s "$results" ]; then
    printf '{"score": 0, "output": "The autograder could not run (trapvm grade exited with status %s). Please tell your instructor.", "tests": []}\n' "$status" > "$results"
fi
exit 0
)";

const char* const kRunSh = R"(#!/usr/bin/env bash
# PrairieLearn's external grader runs this in the grader image: grade
# /grade/student against the lab in /grade/tests/lab, write
# /grade/results/results.json (always: if trapvm cannot run, it says why).
root=${GRADE_ROOT:-/grade}
trapvm=${TRAPVM:-/usr/local/bin/trapvm}
mkdir -p "$root/results"
results=$root/results/results.json
rm -f "$results"
for hidden in "$root/tests/lab/tests" "$root/tests/lab/solution"; do
    if [ -e "$hidden" ]; then chmod -R o-rwx "$hidden" 2>/dev/null; fi
done
"$trapvm" grade "$root/tests/lab" "$root/student" --format prairielearn -o "$results"
status=$?
if [ ! -s "$results" ]; then
    printf '{"gradable": false, "score": 0, "message": "The grader could not run (trapvm grade exited with status %s). Please tell your instructor.", "format_errors": ["grader failure"]}\n' "$status" > "$results"
fi
exit 0
)";

const char* const kDockerfile = R"(# The PrairieLearn grader image for trapvm labs (trapvm lab package --prairielearn).
# Build and push it: docker build -t YOURORG/trapvm-grader . && docker push YOURORG/trapvm-grader
# then set "image" in question/info.json to that name.
FROM ubuntu:22.04
RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        @PACKAGES@ && rm -rf /var/lib/apt/lists/*
COPY toolkit /opt/trapvm/toolkit
RUN cmake -S /opt/trapvm/toolkit -B /opt/trapvm/build -G Ninja -DCMAKE_BUILD_TYPE=Release \
    && cmake --build /opt/trapvm/build --target trapvm \
    && cmake --install /opt/trapvm/build --prefix /usr/local
)";

std::string with_packages(std::string text) {
    size_t at = text.find("@PACKAGES@");
    if (at != std::string::npos) text.replace(at, 10, kBuildPackages);
    return text;
}

bool write_file(const fs::path& path, const std::string& text, bool executable, std::string* error) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return *error = "cannot write " + path.string(), false;
    out.close();
    ::chmod(path.c_str(), executable ? 0755 : 0644);
    return true;
}

// The sources of the toolkit this trapvm was built from ($TRAPVM_TOOLKIT if
// set): everything but build folders, version control and
// the labs (each package carries its own lab).
bool copy_toolkit(const Spec& spec, const fs::path& to, std::string* error) {
    std::error_code ec;
    const char* env = std::getenv("TRAPVM_TOOLKIT");
    fs::path from = env && *env ? fs::path(env) : fs::path(TRAPVM_SOURCE_DIR);  // what this trapvm was built from
    (void)spec;
    if (!fs::is_regular_file(from / "CMakeLists.txt"))
        return *error = "the toolkit " + from.string() + " has no CMakeLists.txt (set TRAPVM_TOOLKIT)", false;
    for (auto it = fs::recursive_directory_iterator(from, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        fs::path relative = it->path().lexically_relative(from);
        std::string top = relative.begin()->string();
        if (top.rfind("build", 0) == 0 || top[0] == '.' || top == "labs") {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (it->is_directory()) fs::create_directories(to / relative, ec);
        else if (it->is_regular_file())
            fs::copy_file(it->path(), to / relative, fs::copy_options::overwrite_existing, ec);
        if (ec) return *error = "cannot copy " + it->path().string() + ": " + ec.message(), false;
    }
    return true;
}

bool copy_lab(const Spec& spec, const fs::path& to, std::string* error) {
    std::error_code ec;
    fs::copy(spec.dir, to, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    fs::remove_all(to / "submissions", ec);  // CI fixtures, not for the image
    if (ec) return *error = "cannot copy the lab: " + ec.message(), false;
    return true;
}

std::string info_json(const Spec& spec) {
    nlohmann::ordered_json options = {{"enabled", true},
                                      {"image", "YOURORG/trapvm-grader"},
                                      {"entrypoint", "/grade/tests/run.sh"},
                                      {"timeout", 120},
                                      {"enableNetworking", false}};
    nlohmann::ordered_json info = {{"uuid", "REPLACE-WITH-A-UUID"},
                                   {"title", spec.title.empty() ? spec.lab : spec.title},
                                   {"topic", "trapvm"},
                                   {"type", "v3"},
                                   {"singleVariant", true},
                                   {"gradingMethod", "External"},
                                   {"externalGradingOptions", options}};
    return info.dump(4) + "\n";
}

// The question's entry for the assessment's infoAssessment.json (a zone's
// "questions"): its points split as PrairieLearn grades them, the manual
// tests' by hand, the others by the external grader.
std::string assessment_entry(const Spec& spec) {
    double by_hand = 0;
    for (const Test& t : spec.tests)
        if (t.kind == TestKind::Manual) by_hand += t.points;
    auto number = [](double points) {  // 80, not 80.0, when whole
        return points == std::floor(points) ? nlohmann::ordered_json(static_cast<int64_t>(points))
                                            : nlohmann::ordered_json(points);
    };
    nlohmann::ordered_json entry = {{"id", "trapvm-" + spec.lab}, {"autoPoints", number(spec.points - by_hand)}};
    if (by_hand > 0) entry["manualPoints"] = number(by_hand);
    return entry.dump(4) + "\n";
}

std::string html_escape(const std::string& text) {
    std::string out;
    for (char c : text)
        out += c == '&' ? "&amp;" : c == '<' ? "&lt;" : c == '>' ? "&gt;" : c == '"' ? "&quot;" : std::string(1, c);
    return out;
}

std::string question_html(const Spec& spec) {
    std::string names;
    for (const LabFile& f : spec.files) names += (names.empty() ? "" : ", ") + f.name;
    return "<pl-question-panel>\n  <p>" + html_escape(spec.title) + ": upload your files.</p>\n</pl-question-panel>\n" +
           "<pl-file-upload file-names=\"" + html_escape(names) + "\"></pl-file-upload>\n" +
           "<pl-submission-panel>\n  <pl-external-grader-results></pl-external-grader-results>\n"
           "  <pl-file-preview></pl-file-preview>\n</pl-submission-panel>\n";
}

}  // namespace

bool package_gradescope(const Spec& spec, const std::string& zip_path, std::string* error) {
    std::error_code ec;
    fs::path zip = fs::absolute(zip_path);
    // zip replaces its output (and the old one is removed first): never
    // /dev/null, a fifo or a link, which would become a regular file.
    fs::file_status there = fs::symlink_status(zip, ec);
    if (fs::exists(there) && !fs::is_regular_file(there))
        return *error = zip.string() +
                        " exists and is not a regular file: the zip is written only as a new file or "
                        "over a regular one",
               false;
    fs::path stage = fs::temp_directory_path() / ("trapvm-package-" + std::to_string(::getpid()));
    fs::remove_all(stage, ec);
    bool ok = write_file(stage / "setup.sh", with_packages(kSetup), true, error) &&
              write_file(stage / "run_autograder", kRunAutograder, true, error) &&
              copy_toolkit(spec, stage / "toolkit", error) && copy_lab(spec, stage / "lab", error);
    if (ok) {
        fs::remove(zip, ec);
        ChildSpec child{
            .argv = {"/usr/bin/zip", "-qr", zip.string(), "."}, .cwd = stage.string(), .env = {"PATH=/usr/bin:/bin"}};
        child.limits.timeout = 120;
        child.limits.file_size = uint64_t{1} << 30;
        ChildResult r = run_child(child);
        std::string said = r.err.empty() ? r.out : r.err;
        if (!r.started) ok = false, *error = "cannot run zip (the zip package): " + r.error;
        else if (r.exit_status != 0)
            ok = false, *error = "zip exited with status " + std::to_string(r.exit_status) + " writing " +
                                 zip.string() + (said.empty() ? "" : ": " + said.substr(0, said.find('\n')));
    }
    fs::remove_all(stage, ec);
    return ok;
}

bool package_prairielearn(const Spec& spec, const std::string& dir, std::string* error) {
    fs::path out(dir);
    return write_file(out / "Dockerfile", with_packages(kDockerfile), false, error) &&
           copy_toolkit(spec, out / "toolkit", error) &&
           write_file(out / "question" / "info.json", info_json(spec), false, error) &&
           write_file(out / "assessment-question.json", assessment_entry(spec), false, error) &&
           write_file(out / "question" / "question.html", question_html(spec), false, error) &&
           write_file(out / "question" / "tests" / "run.sh", kRunSh, true, error) &&
           copy_lab(spec, out / "question" / "tests" / "lab", error);
}

}  // namespace trapvm::grader
