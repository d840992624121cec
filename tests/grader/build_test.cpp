// What a student reads when a cpp lab's build fails: the compiler's first
// errors, capped, with paths relative to the work folder, and a word on a
// missing installed toolkit; and the prefix of an installed trapvm.
#include "grader/build.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

using namespace trapvm::grader;

namespace {

const std::string kWork = "/tmp/trapvm-grade-monitor-abc123";

// What ninja prints for a failed compile: its progress, the command, then GCC's messages.
const std::string kNinja =
    "[1/5] Building CXX object CMakeFiles/x.dir/src/vmm/reflect.cpp.o\n"
    "FAILED: CMakeFiles/x.dir/src/vmm/dispatcher.cpp.o\n"
    "/usr/bin/c++ -O3 -c " +
    kWork +
    "/out/src/vmm/dispatcher.cpp\n"
    "In file included from " +
    kWork + "/out/src/vmm/dispatcher.cpp:5:\n" + kWork +
    "/out/src/vmm/interpreter.hpp: In function 'void emulate_Csrr(H&, Insn)':\n" + kWork +
    "/out/src/vmm/interpreter.hpp:32:15: error: expected ')' before 'h'\n"
    "   32 |     h.set(i.rd h.priv().read(csr_of(i)));\n"
    "ninja: build stopped: subcommand failed.\n";

}  // namespace

TEST_CASE("build errors: from the first error and the lines that say where, paths relative to the work folder") {
    std::string text = build_errors(kNinja, "", "", kWork);
    CHECK(text.rfind("In file included from out/src/vmm/dispatcher.cpp:5:\n"
                     "out/src/vmm/interpreter.hpp: In function 'void emulate_Csrr(H&, Insn)':\n"
                     "out/src/vmm/interpreter.hpp:32:15: error: expected ')' before 'h'\n",
                     0) == 0);
    CHECK(text.find("FAILED") == std::string::npos);                // ninja's progress is no help
    CHECK(text.find("ninja: build stopped") == std::string::npos);  // nor its last word
    CHECK(text.find(kWork) == std::string::npos);
}

TEST_CASE("build errors: the linker's, with the function it was in") {
    std::string ld =
        "[5/5] Linking CXX executable trapvm-lab\n"
        "/usr/bin/ld: libx.a(allocator.cpp.o): in function `enter()':\n"
        "allocator.cpp:(.text+0x68): undefined reference to `compose_r()'\n"
        "collect2: error: ld returned 1 exit status\n";
    CHECK(build_errors(ld, "", "", "")
              .rfind("/usr/bin/ld: libx.a(allocator.cpp.o): in function `enter()':\n"
                     "allocator.cpp:(.text+0x68): undefined reference to `compose_r()'\n",
                     0) == 0);
}

TEST_CASE("build errors: at most kBuildErrorLines lines and kBuildErrorBytes bytes") {
    std::string flood;
    for (int i = 0; i < 10000; ++i)  // 40 lines of these are more than 4000 bytes
        flood += "a.cpp:" + std::to_string(i) + ":1: error: " + std::string(200, 'x') + "\n";
    std::string text = build_errors(flood, "", "", kWork);
    CHECK(text.find("a.cpp:0:1: error:") == 0);
    CHECK(text.find("a.cpp:" + std::to_string(kBuildErrorLines) + ":1:") == std::string::npos);
    CHECK(text.size() <= kBuildErrorBytes + 200);  // cut() says how long the text was
    std::string many;
    for (int i = 0; i < 100; ++i) many += "b.cpp:" + std::to_string(i) + ":1: error: y\n";
    text = build_errors(many, "", "", kWork);
    CHECK(text.find("b.cpp:" + std::to_string(kBuildErrorLines - 1) + ":1:") != std::string::npos);
    CHECK(text.find("b.cpp:" + std::to_string(kBuildErrorLines) + ":1:") == std::string::npos);
    CHECK(text.find("(the first " + std::to_string(kBuildErrorLines) + " lines)") != std::string::npos);
}

TEST_CASE("build errors: no line says error: the output itself, and a missing toolkit named") {
    CHECK(build_errors("", "make: *** No rule\n", "/prefix", "").find("make: *** No rule") == 0);
    CHECK(build_errors("x", "", "", "").find("no installed toolkit to build against") != std::string::npos);
    CHECK(build_errors("x", "", "/nonexistent", "").find("/nonexistent has no lib/cmake/trapvm/trapvmConfig.cmake") !=
          std::string::npos);
}

TEST_CASE("the prefix of an installed trapvm: P for P/bin/trapvm with P/lib/cmake/trapvm") {
    namespace fs = std::filesystem;
    fs::path p = fs::temp_directory_path() / "trapvm-build-test-prefix";
    fs::remove_all(p);
    fs::create_directories(p / "bin");
    CHECK(installed_prefix((p / "bin/trapvm").string()) == "");  // no package: not an install
    fs::create_directories(p / "lib/cmake/trapvm");
    std::ofstream(p / "lib/cmake/trapvm/trapvmConfig.cmake") << "\n";
    CHECK(installed_prefix((p / "bin/trapvm").string()) == p.string());
    fs::remove_all(p);
}
