// The grader's side of a child: feed its stdin, read its stdout and stderr
// (bounded), and kill its whole process group at the wall-clock limit.
#include "grader/sandbox.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>

namespace trapvm::grader {

namespace {

using Clock = std::chrono::steady_clock;

void kill_group(pid_t pid) {
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
}

// Reads what fd has into text (up to cap; past it, *over is set and the
// rest dropped); false at end of file.
bool drain(int fd, std::string& text, size_t cap, bool* over) {
    char buffer[65536];
    ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) return errno == EINTR || errno == EAGAIN;
    if (n == 0) return false;
    size_t room = text.size() < cap ? cap - text.size() : 0;
    text.append(buffer, std::min(room, static_cast<size_t>(n)));
    if (static_cast<size_t>(n) > room && over) *over = true;
    return true;
}

void finish(pid_t pid, int status, ChildResult& result) {
    if (WIFEXITED(status)) result.exit_status = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) {
        result.signal = WTERMSIG(status);
        if (result.signal == SIGXCPU) result.cpu_limit = result.timed_out = true;
    }
    kill_group(pid);  // anything it left behind
}

}  // namespace

void supervise(const ChildSpec& spec, pid_t pid, int in, int out, int err, ChildResult& result) {
    Clock::time_point start = Clock::now();
    Clock::time_point deadline =
        start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(spec.limits.timeout));
    ::fcntl(in, F_SETFL, O_NONBLOCK);
    size_t written = 0;
    if (spec.stdin_data.empty()) ::close(in), in = -1;
    bool err_over = false, reaped = false;
    int status = 0;
    while (out >= 0 || err >= 0) {
        pollfd fds[3] = {{out, POLLIN, 0}, {err, POLLIN, 0}, {in, POLLOUT, 0}};
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) {
            result.timed_out = true;
            break;
        }
        int ready = ::poll(fds, 3, static_cast<int>(std::min<long long>(left, 50)));
        if (ready < 0 && errno != EINTR) break;
        if (out >= 0 && (fds[0].revents & (POLLIN | POLLHUP)) &&
            !drain(out, result.out, spec.max_stdout, &result.too_much_output))
            ::close(out), out = -1;
        if (err >= 0 && (fds[1].revents & (POLLIN | POLLHUP)) && !drain(err, result.err, spec.max_stderr, &err_over))
            ::close(err), err = -1;
        if (in >= 0 && (fds[2].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t n = ::write(in, spec.stdin_data.data() + written, spec.stdin_data.size() - written);
            if (n > 0) written += static_cast<size_t>(n);
            if (n < 0 && errno != EAGAIN && errno != EINTR) written = spec.stdin_data.size();
            if (written == spec.stdin_data.size()) ::close(in), in = -1;
        }
        if (result.too_much_output) break;
        // A child that exited while something it started keeps the pipes open.
        if (!reaped && ::waitpid(pid, &status, WNOHANG) == pid) reaped = true, finish(pid, status, result);
    }
    if (!reaped) {
        kill_group(pid);
        ::waitpid(pid, &status, 0);
        finish(pid, status, result);
        if (result.timed_out || result.too_much_output) result.exit_status = -1, result.signal = SIGKILL;
    }
    for (int fd : {in, out, err})
        if (fd >= 0) ::close(fd);
    result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
}

}  // namespace trapvm::grader
