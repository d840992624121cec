// Every fuzz harness over its seed corpus (fuzz/corpus/TARGET/) and over
// every input that once broke it (tests/hardening/crashes/TARGET/): the
// libFuzzer targets' checks, in the normal build and test suite.
//
// To add a crash found by fuzzing: copy the crash-* file libFuzzer wrote into
// tests/hardening/crashes/TARGET/ with a name that says what it was.
#include "fuzz/harness.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

namespace fs = std::filesystem;

namespace {

std::vector<uint8_t> read_bytes(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Runs the target over every file in folder; returns how many there were.
int replay(const trapvm::fuzz::Target& target, const fs::path& folder) {
    int n = 0;
    if (!fs::is_directory(folder)) return 0;
    for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
        if (!entry.is_regular_file()) continue;
        std::vector<uint8_t> bytes = read_bytes(entry.path());
        INFO(std::string(target.name), ": ", entry.path().string());
        CHECK(target.run(bytes) == "");
        ++n;
    }
    return n;
}

}  // namespace

TEST_CASE("fuzz regressions: every harness accepts its corpus and past crashes") {
    const fs::path source = TRAPVM_SOURCE_DIR;
    for (const trapvm::fuzz::Target& target : trapvm::fuzz::kTargets) {
        int corpus = replay(target, source / "fuzz" / "corpus" / target.name);
        int crashes = replay(target, source / "tests" / "hardening" / "crashes" / target.name);
        MESSAGE(std::string(target.name) << ": " << corpus << " corpus inputs, " << crashes << " past crashes");
        CHECK(corpus > 0);
    }
}

TEST_CASE("fuzz regressions: harnesses take empty and tiny inputs") {
    for (const trapvm::fuzz::Target& target : trapvm::fuzz::kTargets) {
        INFO(std::string(target.name));
        CHECK(target.run({}) == "");
        const uint8_t one[] = {0xff};
        CHECK(target.run(trapvm::fuzz::Bytes(one, 1)) == "");
    }
}
