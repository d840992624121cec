// Programs that once ran differently bare and under the monitor (found by
// differential testing, then shrunk): each file in tests/hardening/programs/
// must now give identical guest-visible traces. Its first lines say what
// the bug was.
#include "assembler/assembler.hpp"
#include "properties/equivalence.hpp"

#include <doctest/doctest.h>

#include <filesystem>

namespace fs = std::filesystem;
using namespace trapvm;

TEST_CASE("equivalence regressions: programs that once diverged run the same bare and under the monitor") {
    int n = 0;
    for (const fs::directory_entry& e :
         fs::directory_iterator(fs::path(TRAPVM_SOURCE_DIR) / "tests/hardening/programs")) {
        if (e.path().extension() != ".s") continue;
        AssembleResult r = assemble_file(e.path().string());
        INFO(e.path().string());
        REQUIRE(r.ok());
        for (uint32_t quantum : {1u, 3u, 20000u}) {
            properties::EquivalenceSetup setup;
            setup.image = &*r.image;
            setup.memory_size = 64 << 10;
            setup.max_steps = 100000;
            setup.quantum = quantum;
            properties::EquivalenceResult result = properties::check_equivalence(setup);
            INFO("quantum ", quantum, "\n", result.report);
            CHECK(result.equivalent);
        }
        ++n;
    }
    CHECK(n > 0);
}
