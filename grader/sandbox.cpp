// Child processes with limits (see sandbox.hpp). Everything the child does
// between fork and exec is a plain system call: the ruleset, argv and env
// are built before the fork.
#include "grader/sandbox.hpp"

#include <fcntl.h>
#include <grp.h>
#include <linux/landlock.h>
#include <poll.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif

namespace trapvm::grader {

namespace {

constexpr uint64_t kFileRights = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
                                 LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE;
constexpr uint64_t kReadRights =
    LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR;

// Descriptors kept above the 3.. range the child's pass_fds land in (a
// grader grading several submissions at once has many open).
int high_copy(int fd) { return ::fcntl(fd, F_DUPFD_CLOEXEC, 64); }

int landlock_abi() {
    long abi = ::syscall(__NR_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
    return abi < 0 ? 0 : static_cast<int>(abi);
}

uint64_t handled_rights(int abi) {
    uint64_t all = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1;  // ABI 1: bits 0..12
    if (abi >= 2) all |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3) all |= LANDLOCK_ACCESS_FS_TRUNCATE;
    return all;
}

bool add_rule(int ruleset, const std::string& path, uint64_t rights) {
    int fd = ::open(path.c_str(), O_PATH | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT;  // a folder this system lacks: nothing to allow
    struct stat st {};
    ::fstat(fd, &st);
    if (!S_ISDIR(st.st_mode)) rights &= kFileRights;
    landlock_path_beneath_attr rule{.allowed_access = rights, .parent_fd = fd};
    long r = ::syscall(__NR_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0);
    ::close(fd);
    return r == 0;
}

// A ruleset allowing reads of spec.readable and everything beneath
// spec.writable; -1 when Landlock is not there.
int make_ruleset(const ChildSpec& spec) {
    if (spec.readable.empty() && spec.writable.empty()) return -1;  // trusted work: no sandbox asked for
    if (const char* off = std::getenv("TRAPVM_GRADE_NO_LANDLOCK"); off && *off) return -1;  // tests of the other layers
    int abi = landlock_abi();
    if (abi < 1) return -1;
    landlock_ruleset_attr attr{.handled_access_fs = handled_rights(abi)};
    int ruleset = static_cast<int>(::syscall(__NR_landlock_create_ruleset, &attr, sizeof attr, 0));
    if (ruleset < 0) return -1;
    ::fcntl(ruleset, F_SETFD, FD_CLOEXEC);
    bool ok = true;
    for (const std::string& p : spec.readable) ok = add_rule(ruleset, p, kReadRights & attr.handled_access_fs) && ok;
    for (const std::string& p : spec.writable) ok = add_rule(ruleset, p, attr.handled_access_fs) && ok;
    ok = add_rule(ruleset, "/dev/null", attr.handled_access_fs) && ok;  // compilers and shells write there
    if (!ok) ::close(ruleset), ruleset = -1;
    if (ruleset < 0) return -1;
    int high = high_copy(ruleset);  // not where the child's passed descriptors go
    ::close(ruleset);
    return high;
}

void set_limit(int resource, uint64_t soft, uint64_t hard) {
    rlimit r{.rlim_cur = static_cast<rlim_t>(soft), .rlim_max = static_cast<rlim_t>(hard)};
    ::setrlimit(resource, &r);
}

[[noreturn]] void child_fail(int report, const char* step) {
    int e = errno;
    char text[128];
    int n = std::snprintf(text, sizeof text, "%s: %s", step, std::strerror(e));
    if (n > 0) (void)!::write(report, text, static_cast<size_t>(n));
    ::_exit(127);
}

// In the child, after fork: descriptors, limits, user, sandbox, exec.
[[noreturn]] void become_child(const ChildSpec& spec, int in, int out, int err, int report, int ruleset,
                               char* const* argv, char* const* envp) {
    ::setpgid(0, 0);
    if (::dup2(in, 0) < 0 || ::dup2(out, 1) < 0 || ::dup2(err, 2) < 0) child_fail(report, "dup2");
    for (size_t i = 0; i < spec.pass_fds.size(); ++i)
        if (::dup2(spec.pass_fds[i], 3 + static_cast<int>(i)) < 0) child_fail(report, "dup2");
    if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) child_fail(report, "chdir");
    double cpu = std::ceil(spec.limits.timeout) + 1;
    set_limit(RLIMIT_CPU, static_cast<uint64_t>(cpu), static_cast<uint64_t>(cpu) + 1);
#if !defined(__SANITIZE_ADDRESS__)
    set_limit(RLIMIT_AS, spec.limits.address_space, spec.limits.address_space);
#endif
    set_limit(RLIMIT_FSIZE, spec.limits.file_size, spec.limits.file_size);
    set_limit(RLIMIT_NPROC, spec.limits.processes, spec.limits.processes);
    set_limit(RLIMIT_CORE, 0, 0);
    if (spec.gid && (::setgroups(0, nullptr) != 0 || ::setgid(*spec.gid) != 0)) child_fail(report, "setgid");
    if (spec.uid && ::setuid(*spec.uid) != 0) child_fail(report, "setuid");
    if (ruleset >= 0) {
        if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) child_fail(report, "no_new_privs");
        if (::syscall(__NR_landlock_restrict_self, ruleset, 0) != 0) child_fail(report, "landlock");
    }
    ::signal(SIGPIPE, SIG_DFL);
    ::execve(argv[0], argv, envp);
    child_fail(report, "exec");
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
    out.push_back(nullptr);
    return out;
}

struct Pipes {
    int in[2] = {-1, -1}, out[2] = {-1, -1}, err[2] = {-1, -1}, report[2] = {-1, -1};
    // Every end above the 3.. range of passed descriptors (see high_copy):
    // none can be overwritten in the child before it is used.
    bool open() {
        for (int* p : {in, out, err, report}) {
            if (::pipe2(p, O_CLOEXEC) != 0) return false;
            for (int i = 0; i < 2; ++i) {
                int high = high_copy(p[i]);
                ::close(p[i]);
                p[i] = high;
                if (high < 0) return false;
            }
        }
        return true;
    }
    void close_all() {
        for (int* p : {in, out, err, report})
            for (int i = 0; i < 2; ++i)
                if (p[i] >= 0) ::close(p[i]), p[i] = -1;
    }
};

}  // namespace

bool landlock_available() { return landlock_abi() >= 1; }

std::optional<std::pair<uint32_t, uint32_t>> user_ids(const std::string& name) {
    passwd entry{}, *p = nullptr;
    char buffer[4096];
    if (::getpwnam_r(name.c_str(), &entry, buffer, sizeof buffer, &p) != 0 || !p) return std::nullopt;
    return std::make_pair(static_cast<uint32_t>(p->pw_uid), static_cast<uint32_t>(p->pw_gid));
}

std::string unreachable(const std::string& path, int mode, uint32_t uid, uint32_t gid) {
    std::error_code ec;
    std::string absolute = std::filesystem::absolute(path, ec).lexically_normal().string();
    std::vector<std::string> way = {"/"};  // "/", "/a", "/a/b", ...: the folders on the way to PATH
    for (size_t at = absolute.find('/', 1); at != std::string::npos; at = absolute.find('/', at + 1))
        way.push_back(absolute.substr(0, at));
    size_t folders = std::min(way.size(), size_t{250});  // an exit status names one: a byte
    pid_t pid = ::fork();
    if (pid < 0) return "";  // cannot tell: the tests will say
    if (pid == 0) {
        if (::setgroups(0, nullptr) != 0 || ::setgid(gid) != 0 || ::setuid(uid) != 0) ::_exit(255);
        for (size_t i = 0; i < folders; ++i)
            if (::access(way[i].c_str(), X_OK) != 0) ::_exit(static_cast<int>(i + 1));
        ::_exit(::access(absolute.c_str(), mode) != 0 ? static_cast<int>(folders + 1) : 0);
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!WIFEXITED(status) || WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 255) return "";
    size_t at = static_cast<size_t>(WEXITSTATUS(status)) - 1;
    return at < folders ? way[at] : absolute;
}

std::vector<std::string> system_readable() {
    return {"/usr",  "/lib",      "/lib64",      "/lib32", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d",
            "/proc", "/dev/null", "/dev/urandom"};
}

// The loop that feeds stdin, reads stdout and stderr, and enforces the wall
// clock (grader/sandbox_wait.cpp).
void supervise(const ChildSpec& spec, pid_t pid, int in, int out, int err, ChildResult& result);

ChildResult run_child(const ChildSpec& spec) {
    ChildResult result;
    ::signal(SIGPIPE, SIG_IGN);  // a child that dies before reading its stdin must not kill the grader
    Pipes p;
    if (!p.open()) return result.error = std::string("pipe: ") + std::strerror(errno), p.close_all(), result;
    std::vector<int> passed;
    for (int fd : spec.pass_fds) passed.push_back(high_copy(fd));
    ChildSpec copy = spec;
    copy.pass_fds = passed;
    int ruleset = make_ruleset(spec);
    result.sandboxed = ruleset >= 0;
    std::vector<char*> argv = c_strings(spec.argv), envp = c_strings(spec.env);
    pid_t pid = ::fork();
    if (pid == 0) become_child(copy, p.in[0], p.out[1], p.err[1], p.report[1], ruleset, argv.data(), envp.data());
    for (int fd : passed) ::close(fd);
    if (ruleset >= 0) ::close(ruleset);
    if (pid < 0) return result.error = std::string("fork: ") + std::strerror(errno), p.close_all(), result;
    ::close(p.in[0]), ::close(p.out[1]), ::close(p.err[1]), ::close(p.report[1]);
    p.in[0] = p.out[1] = p.err[1] = p.report[1] = -1;
    char why[256];
    ssize_t n = ::read(p.report[0], why, sizeof why);  // EOF at exec: the report pipe closes on exec
    if (n > 0) {
        result.error = std::string(why, static_cast<size_t>(n));
        ::waitpid(pid, nullptr, 0);
        p.close_all();
        return result;
    }
    result.started = true;
    supervise(spec, pid, p.in[1], p.out[0], p.err[0], result);
    p.in[1] = p.out[0] = p.err[0] = -1;  // supervise closed them
    p.close_all();
    return result;
}

}  // namespace trapvm::grader
