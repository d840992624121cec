// The build of a cpp lab's runner (see build.hpp).
#include "grader/build.hpp"

#include "grader/expect.hpp"

#include <filesystem>
#include <sstream>
#include <vector>

namespace trapvm::grader {

namespace fs = std::filesystem;

namespace {

const char* const kConfig = "lib/cmake/trapvm/trapvmConfig.cmake";

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

bool says_error(const std::string& line) {
    return line.find("error:") != std::string::npos || line.find("Error:") != std::string::npos ||
           line.find("CMake Error") != std::string::npos || line.find("undefined reference") != std::string::npos;
}

// "In file included from ...", "f.cpp: In function ...", the linker's
// "f.o: in function ...": where the error is.
bool context_line(const std::string& line) {
    return line.find(": In ") != std::string::npos || line.find(": in function") != std::string::npos ||
           line.rfind("In file included from", 0) == 0 || line.rfind("                 from ", 0) == 0;
}

// Why the toolkit at prefix cannot be built against ("" : it can).
std::string prefix_problem(const std::string& prefix) {
    std::error_code ec;
    if (prefix.empty())
        return "\n(no installed toolkit to build against: give --prefix P or set TRAPVM_PREFIX, P the folder of "
               "`cmake --install build --prefix P`)";
    if (!fs::exists(fs::path(prefix) / kConfig, ec))
        return "\n(the installed toolkit " + prefix + " has no " + kConfig + ": `cmake --install build --prefix " +
               prefix + "` makes it)";
    return "";
}

std::string first_errors(const std::string& out, const std::string& err) {
    std::vector<std::string> lines = lines_of(err + (err.empty() || err.back() == '\n' ? "" : "\n") + out);
    size_t first = lines.size();
    for (size_t i = 0; i < lines.size() && first == lines.size(); ++i)
        if (says_error(lines[i])) first = i;
    if (first == lines.size()) return cut(shown(err.empty() ? out : err), kBuildErrorBytes);
    // The lines just before name the function or file the error is in.
    size_t from = first;
    while (from > 0 && first - from < 6 && context_line(lines[from - 1])) --from;
    std::string text;
    size_t n = 0;
    for (size_t i = from; i < lines.size() && n < kBuildErrorLines; ++i, ++n) {
        if (lines[i].rfind("ninja: build stopped", 0) == 0) break;
        text += lines[i] + "\n";
    }
    if (n == kBuildErrorLines) text += "(the first " + std::to_string(kBuildErrorLines) + " lines)\n";
    return cut(shown(text), kBuildErrorBytes);
}

}  // namespace

std::string installed_prefix(const std::string& trapvm) {
    if (trapvm.empty()) return "";
    fs::path prefix = fs::path(trapvm).parent_path().parent_path();
    std::error_code ec;
    return fs::exists(prefix / kConfig, ec) ? prefix.string() : "";
}

std::string build_errors(const std::string& out, const std::string& err, const std::string& prefix,
                         const std::string& work) {
    std::string text = first_errors(out, err);
    // Paths in the work folder as the student knows them: relative to it.
    for (size_t at; !work.empty() && (at = text.find(work + "/")) != std::string::npos;)
        text.erase(at, work.size() + 1);
    return text + prefix_problem(prefix);
}

std::string lab_files_env(const Spec& spec) {
    std::string list;
    for (const LabFile& f : spec.files) list += (list.empty() ? "" : ";") + f.name;
    return "LAB_FILES=" + list;
}

}  // namespace trapvm::grader
