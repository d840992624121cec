// Children with limits: the wall clock kills the whole process group, the
// output cap holds, Landlock keeps a child to the paths it was given, and
// a job's cases and random draws come from the seed.
#include "grader/sandbox.hpp"
#include "grader/grade.hpp"

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

using namespace trapvm::grader;

namespace {

ChildSpec shell(const std::string& script) {
    ChildSpec c;
    c.argv = {"/bin/sh", "-c", script};
    c.env = {"PATH=/usr/bin:/bin"};
    return c;
}

}  // namespace

TEST_CASE("the wall clock stops a child and everything it started") {
    ChildSpec c = shell("sleep 30 & sleep 30; echo never");
    c.limits.timeout = 0.3;
    ChildResult r = run_child(c);
    CHECK(r.started);
    CHECK(r.timed_out);
    CHECK(r.out.empty());
    CHECK(r.exit_status == -1);
}

TEST_CASE("a child that writes too much is stopped, its output cut at the cap") {
    ChildSpec c = shell("while :; do echo xxxxxxxxxxxxxxxx; done");
    c.max_stdout = 1000;
    ChildResult r = run_child(c);
    CHECK(r.too_much_output);
    CHECK(r.out.size() == 1000);
}

TEST_CASE("stdin is fed, stdout and the exit status come back") {
    ChildSpec c = shell("tr a-z A-Z; exit 3");
    c.stdin_data = std::string(200'000, 'a');  // more than a pipe holds
    ChildResult r = run_child(c);
    CHECK(r.exit_status == 3);
    CHECK(r.out == std::string(200'000, 'A'));
}

TEST_CASE("passed descriptors arrive as 3, 4, ...") {
    std::string path = std::filesystem::temp_directory_path() / ("trapvm-fd-" + std::to_string(::getpid()));
    std::ofstream(path) << "secret";
    FILE* f = std::fopen(path.c_str(), "r");
    ChildSpec c = shell("cat <&3");
    c.pass_fds = {fileno(f)};
    ChildResult r = run_child(c);
    std::fclose(f);
    std::filesystem::remove(path);
    CHECK(r.out == "secret");
}

TEST_CASE("Landlock: a child reads only what it was given and writes only in its folder") {
    if (!landlock_available()) return;  // an old kernel: the unprivileged user is the only layer
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / ("trapvm-landlock-" + std::to_string(::getpid()));
    fs::create_directories(dir / "mine");
    std::ofstream(dir / "secret") << "secret";
    std::ofstream(dir / "mine" / "ok") << "ok";
    std::string script = "cat " + (dir / "mine" / "ok").string() + "; cat " + (dir / "secret").string() +
                         " 2>/dev/null || echo denied; (echo x >" + (dir / "planted").string() +
                         ") 2>/dev/null || echo denied; echo x >" + (dir / "mine" / "made").string();
    ChildSpec c = shell(script);
    c.readable = system_readable();
    c.readable.push_back("/bin");
    c.writable = {(dir / "mine").string()};
    ChildResult r = run_child(c);
    bool planted = fs::exists(dir / "planted"), made = fs::exists(dir / "mine" / "made");
    fs::remove_all(dir);
    CHECK(r.sandboxed);
    INFO(r.err);
    CHECK(r.out == "okdenied\ndenied\n");  // reads and writes outside refused
    CHECK(!planted);
    CHECK(made);  // inside its own folder it may write
}

TEST_CASE("random cases come from the seed: the same seed, the same draws") {
    Test t;
    t.name = "sum";
    Test::Random random{.count = 4, .draws = {{"N", 1, 1000}}};
    t.random.push_back(random);
    std::vector<Case> a = cases_of(t, 7), b = cases_of(t, 7), c = cases_of(t, 8);
    REQUIRE(a.size() == 4);
    for (size_t i = 0; i < 4; ++i) {
        CHECK(a[i].run.defines == b[i].run.defines);
        CHECK(a[i].run.defines[0].second >= 1);
        CHECK(a[i].run.defines[0].second <= 1000);
    }
    bool differs = false;
    for (size_t i = 0; i < 4; ++i) differs = differs || a[i].run.defines != c[i].run.defines;
    CHECK(differs);
    CHECK(a[0].name.find("random case 1 (N=") == 0);
}
