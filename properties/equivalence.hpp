// Popek and Goldberg's equivalence property, checked on one program: run it
// on the bare machine and under the monitor, and compare everything the
// guest can see: the instruction stream (pc, word, mode, register and memory
// writes, port accesses), every trap and interrupt, console output and how
// the run ended.
//
// Runs are deterministic, so the comparison needs no memory for long runs:
// the bare run keeps one 64-bit hash per record, the monitored run compares
// on the fly, and at the first difference both runs are repeated to collect
// the few records around it for the report.
#pragma once

#include "image/image.hpp"
#include "machine/machine.hpp"
#include "trace/record.hpp"
#include "vmm/exit_stats.hpp"
#include "vmm/technique.hpp"

#include <string>
#include <vector>

namespace trapvm::properties {

// A guest that runs beside the one checked, in its own VM under the same
// monitor; it is checked against its own bare run too.
struct Companion {
    const Image* image = nullptr;
    std::string input;
};

struct EquivalenceSetup {
    const Image* image = nullptr;
    uint32_t memory_size = pg32::kMemorySizeDefault;
    std::string input;                         // console input bytes
    uint64_t max_steps = 50'000'000;           // guest instructions
    uint32_t quantum = pg32::kQuantumDefault;  // the monitor's time slice
    vmm::Technique technique = vmm::Technique::TrapAndEmulate;
    std::vector<Companion> beside;  // more VMs, run beside the first (vm1, vm2, ...)
    // A different image under the monitor: a paravirtual build of `image`
    // (--vmm=paravirt, guest-os/kernel/hooks-paravirt.inc), whose
    // instruction stream is not the bare one's. Then equivalence is what a
    // user sees: the same console output, byte for byte, and the same end
    // (stop reason and status); the report says where the output differs.
    const Image* vmm_image = nullptr;
};

struct EquivalenceResult {
    bool equivalent = false;
    uint64_t records = 0;  // records compared (the bare run's count; 0 with a vmm_image)
    std::string report;    // empty when equivalent; else what differs, with context
    std::string console_bare, console_vmm;
    Stop stop_bare, stop_vmm;
    uint64_t steps_bare = 0, steps_vmm = 0;
    uint64_t bare_traps[pg32::kCauseCodeLimit] = {};  // traps and interrupts the bare run took, by cause
    vmm::ExitStats stats;                             // the monitored run's exits
    // At a divergence: a few records before it, it, and a few after, from
    // both runs; the first of them is record number context_first.
    std::vector<trace::Record> context_bare, context_vmm;
    uint64_t context_first = 0;
    int diverging_vm = -1;  // the first VM whose run differs (0: the one checked), or -1
};

EquivalenceResult check_equivalence(const EquivalenceSetup& setup);

// A hash of a record's guest-visible content.
uint64_t hash_record(const trace::Record& r);

}  // namespace trapvm::properties
