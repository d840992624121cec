// Fuzzing the monitor: random guests, watched at every exit.
//
// The input drives the program generator (hardening/program.hpp) through
// ByteEntropy, so the guests are random programs with random privileged
// instructions, R values (low bits set too) and raw words, emulation-only
// loops and self-modifying code, in both virtual modes. One to three VMs run
// together with a random time slice under properties::check_resource_control
// (real user mode, R inside the region, memory outside it unchanged, virtual
// CPU invariants, fairness: no round handles more than a slice of exits per
// VM). The first guest is also run bare and under the monitor and the two
// traces compared (the differential oracle, on fuzzer-chosen programs).
#include "fuzz/harness.hpp"

#include "assembler/assembler.hpp"
#include "hardening/differential.hpp"
#include "properties/resource_control.hpp"
#include "vmm/monitor.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace trapvm::fuzz {

namespace {

// 32 KiB per VM holds a generated program (code, data at kDataBase, the
// save area below 0x8000) and keeps the byte-for-byte checks cheap.
constexpr uint32_t kVmMemory = 0x8000;

}  // namespace

std::string monitor_one(Bytes input) {
    hardening::ByteEntropy entropy(input);
    hardening::GenOptions options;
    options.max_items = 24;
    options.raw_word_percent = 15;
    int vms = 1 + static_cast<int>(entropy.below(3));
    std::vector<hardening::Program> programs;
    std::vector<Image> images;
    for (int i = 0; i < vms; ++i) {
        programs.push_back(hardening::generate(entropy, options));
        AssembleResult r = assemble_source(hardening::render(programs.back()), "guest.s");
        if (!r.ok()) return "a generated program does not assemble: " + r.diagnostics.at(0).message;
        images.push_back(std::move(*r.image));
    }
    // Time slices of at least 50 instructions keep one input fast; the
    // differential check below covers the smallest slices.
    properties::ResourceControlSetup setup{
        .vm_memory_size = kVmMemory, .quantum = std::max(programs[0].quantum, 50u), .max_steps = 2000};
    for (const Image& i : images) setup.images.push_back(&i);
    if (properties::ResourceControlVerdict v = properties::check_resource_control(setup); !v.holds) return v.problem;
    hardening::Verdict v = hardening::check_program(programs[0], 3000);
    return v.ok ? "" : v.problem.substr(0, v.problem.find('\n'));
}

}  // namespace trapvm::fuzz
