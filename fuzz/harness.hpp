// The fuzz harnesses: one function per target, each taking any bytes.
//
// A harness returns "" when every invariant held, else one line saying
// which broke; a crash, a hang or a sanitizer report is the other way to
// fail. The libFuzzer targets (fuzz_target.cpp) abort on a non-empty
// answer; the normal test suite (tests/hardening/) runs the same functions
// over the seed corpora and every input that once failed, so a fixed bug
// stays fixed in builds without libFuzzer.
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace trapvm::fuzz {

using Bytes = std::span<const uint8_t>;

std::string assembler_one(Bytes input);  // harness_asm.cpp: any text
std::string image_one(Bytes input);      // harness_image.cpp: any bytes as an image
std::string cpu_one(Bytes input);        // harness_cpu.cpp: random state and instruction words
std::string monitor_one(Bytes input);    // harness_monitor.cpp: random guests under the monitor

struct Target {
    const char* name;  // also the corpus folder: fuzz/corpus/NAME, tests/hardening/crashes/NAME
    std::string (*run)(Bytes input);
};
inline constexpr Target kTargets[] = {
    {"asm", assembler_one},
    {"image", image_one},
    {"cpu", cpu_one},
    {"monitor", monitor_one},
};

}  // namespace trapvm::fuzz
