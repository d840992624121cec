// One libFuzzer target; CMake compiles this file once per harness, with
// TRAPVM_FUZZ_TARGET set to its index in kTargets.
#include "fuzz/harness.hpp"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const trapvm::fuzz::Target& target = trapvm::fuzz::kTargets[TRAPVM_FUZZ_TARGET];
    std::string problem = target.run(trapvm::fuzz::Bytes(data, size));
    if (!problem.empty()) {
        std::fprintf(stderr, "fuzz %s: invariant broken: %s\n", target.name, problem.c_str());
        std::abort();  // libFuzzer saves the input as a crash
    }
    return 0;
}
