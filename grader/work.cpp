// Work folders (see work.hpp).
#include "grader/work.hpp"

#include "grader/grade.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace trapvm::grader {

namespace fs = std::filesystem;

WorkFolder::~WorkFolder() {
    std::error_code ec;
    if (!dir_.empty() && !keep_) fs::remove_all(dir_, ec);
}

bool WorkFolder::create(const Spec& spec, const std::string& scratch, const std::string& tag, std::string* error) {
    std::string base = scratch;
    if (base.empty()) base = std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp";
    std::string pattern = (fs::path(base) / ("trapvm-grade-" + tag + "-XXXXXX")).string();
    std::vector<char> buffer(pattern.begin(), pattern.end());
    buffer.push_back('\0');
    if (!::mkdtemp(buffer.data()))
        return *error = "cannot make a work folder in " + base + ": " + std::strerror(errno), false;
    dir_ = buffer.data();
    std::error_code ec;
    if (!spec.tree.empty())
        fs::copy(fs::path(spec.toolkit) / spec.tree, dir_,
                 fs::copy_options::recursive | fs::copy_options::copy_symlinks, ec);
    if (ec) return *error = "cannot copy the tree " + spec.tree + ": " + ec.message(), false;
    fs::create_directories(fs::path(dir_) / "tmp", ec);
    return true;
}

std::string place_of(const Spec& spec, const LabFile& file) {
    if (spec.tree.empty() || file.solution.empty()) return file.name;
    fs::path relative = fs::path(file.solution).lexically_relative(spec.tree);
    if (relative.empty() || *relative.begin() == "..") return file.name;
    return relative.string();
}

std::string solution_path(const Spec& spec, const LabFile& file) {
    if (file.solution.rfind("solution/", 0) == 0) return (fs::path(spec.dir) / file.solution).string();
    return (fs::path(spec.toolkit) / file.solution).string();
}

namespace {

// Reads a submission file without following a link, and only a regular
// file of bounded size: nothing, with *why, otherwise.
std::optional<std::string> read_submitted(const std::string& path, const std::string& name, std::string* why) {
    int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ENOENT) return *why = "the submission has no " + name, std::nullopt;
    if (fd < 0 && errno == ELOOP) return *why = name + " is a symbolic link: submit the file itself", std::nullopt;
    if (fd < 0) return *why = name + " cannot be read: " + std::strerror(errno), std::nullopt;
    struct stat st {};
    std::optional<std::string> text;
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) *why = name + " is not a regular file";
    else if (static_cast<uint64_t>(st.st_size) > kMaxSubmissionFile)
        *why = name + " is " + std::to_string(st.st_size) + " bytes: larger than the " +
               std::to_string(kMaxSubmissionFile >> 20) + " MiB a submission file may be";
    else {
        text.emplace(static_cast<size_t>(st.st_size), '\0');
        ssize_t n = ::read(fd, text->data(), text->size());
        if (n != st.st_size) text.reset(), *why = name + " cannot be read";
    }
    ::close(fd);
    return text;
}

bool write_text(const fs::path& path, const std::string& text) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
    return static_cast<bool>(out.flush());
}

}  // namespace

std::vector<std::string> WorkFolder::place_submission(const Spec& spec, const std::string& submission) {
    std::vector<std::string> problems;
    for (const LabFile& f : spec.files) {
        std::string why;
        std::optional<std::string> text = read_submitted((fs::path(submission) / f.name).string(), f.name, &why);
        fs::path target = fs::path(dir_) / place_of(spec, f);
        if (!text) {
            problems.push_back(why);
            std::error_code ec;
            fs::remove(target, ec);  // not the solution's copy from the tree
            continue;
        }
        if (!write_text(target, *text)) problems.push_back("cannot copy " + f.name + " into the work folder");
    }
    return problems;
}

bool WorkFolder::place_solution(const Spec& spec, std::string* error) {
    for (const LabFile& f : spec.files) {
        std::error_code ec;
        fs::path target = fs::path(dir_) / place_of(spec, f);
        fs::create_directories(target.parent_path(), ec);
        fs::copy_file(solution_path(spec, f), target, fs::copy_options::overwrite_existing, ec);
        if (ec) return *error = "cannot copy the solution of " + f.name + ": " + ec.message(), false;
    }
    return true;
}

void WorkFolder::give_to(uint32_t uid, uint32_t gid) {
    std::error_code ec;
    ::chown(dir_.c_str(), uid, gid);
    for (const fs::directory_entry& e : fs::recursive_directory_iterator(dir_, ec))
        ::lchown(e.path().c_str(), uid, gid);
}

}  // namespace trapvm::grader
