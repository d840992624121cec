// Running untrusted work (a runner, a build) as a child process that cannot
// hurt the grader: fork + exec in its own process group, with
//   - rlimits: CPU seconds, address space, file size, processes, no core;
//   - a wall-clock limit: the whole process group is killed when it passes;
//   - bounded capture of stdout and stderr (past the cap: killed);
//   - Landlock (Linux 5.13+, no privileges needed): the child may read only
//     the paths given and write only beneath the work folder, so a
//     submission cannot read the hidden tests, the solution or anything else
//     it was not given, even when the grader is not root;
//   - as root: the child runs as an unprivileged user (default nobody).
// Files the child must read but not open (hidden test programs) are passed
// as inherited descriptors 3, 4, ...
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

struct ChildLimits {
    double timeout = 10;                         // seconds of wall clock
    uint64_t address_space = uint64_t{2} << 30;  // bytes (not applied under AddressSanitizer)
    uint64_t file_size = uint64_t{64} << 20;     // the largest file it may write
    uint64_t processes = 256;                    // RLIMIT_NPROC (counts all the user's processes)
};

struct ChildSpec {
    std::vector<std::string> argv;  // argv[0] is the program's path
    std::string cwd;
    std::vector<std::string> env;  // NAME=VALUE: all of its environment
    std::string stdin_data;
    std::vector<int> pass_fds;  // become descriptors 3, 4, ... in the child
    ChildLimits limits;
    std::vector<std::string>
        readable;  // Landlock: paths it may read (and execute); none, and none writable: no Landlock
    std::vector<std::string> writable;  // and beneath which it may also write
    std::optional<uint32_t> uid, gid;   // run as this user (the grader must be root)
    size_t max_stdout = size_t{64} << 20, max_stderr = size_t{64} << 10;
};

struct ChildResult {
    bool started = false;
    std::string error;       // why it could not start
    bool timed_out = false;  // the wall clock, or the CPU limit (SIGXCPU/SIGKILL)
    bool cpu_limit = false;
    bool too_much_output = false;  // stdout passed max_stdout
    int exit_status = -1;          // when it exited
    int signal = 0;                // when a signal ended it
    std::string out, err;          // err is cut at max_stderr
    double seconds = 0;
    bool sandboxed = false;  // Landlock applied
};

ChildResult run_child(const ChildSpec& spec);

// True when Landlock can restrict a child here (the kernel has it).
bool landlock_available();

// The uid and gid of a user by name; nothing when there is none.
std::optional<std::pair<uint32_t, uint32_t>> user_ids(const std::string& name);

// What of PATH the user uid, gid cannot reach: the first folder on the way
// it may not search, or PATH itself when it may not access it with MODE
// (access(2)'s R_OK, X_OK); "" when it can. Asked in a child that takes
// the user's ids (needs root to be any other user).
std::string unreachable(const std::string& path, int mode, uint32_t uid, uint32_t gid);

// The system folders a dynamically linked program needs to start.
std::vector<std::string> system_readable();

}  // namespace trapvm::grader
