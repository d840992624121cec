// Differential testing of the monitor against the bare machine, with the
// generated programs of program.hpp as input and properties::check_equivalence
// as the oracle: every guest-visible record, the console output and the end
// of the run must be the same. A failing program is shrunk and reported as
// PG32 assembly, ready for `trapvm run`.
//
// The checks are deterministic: seed N gives the same program and the same
// verdict on every machine. A later `trapvm check` or the grader can call
// check_seed() or check_program() directly.
#pragma once

#include "hardening/program.hpp"
#include "machine/machine.hpp"
#include "vmm/technique.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace trapvm::hardening {

struct Verdict {
    bool ok = true;
    std::string problem;  // "not equivalent: ...", "does not assemble: ..."
    uint64_t steps = 0;   // guest instructions of the bare run
    Stop stop;            // how the bare run ended (Running: at the step cap)
};

// Assembles the program and runs it bare and under the monitor with the
// technique; then under the monitor again with nobody watching, which must
// end every VM the same (the exits-in-place oracle); with trap-and-emulate
// also the decode-cache oracle, which needs no monitor and so runs once,
// with the default.
Verdict check_program(const Program& program, uint64_t max_steps = kMaxSteps,
                      vmm::Technique technique = vmm::Technique::TrapAndEmulate);

struct Failure {
    uint64_t seed = 0;
    Verdict verdict;  // of the original program
    size_t original_items = 0;
    Program shrunk;
    std::string assembly;  // the shrunk program, rendered
    std::string shrunk_problem;
    int shrink_attempts = 0;
};

// One seed: generate, check, and on failure shrink.
std::optional<Failure> check_seed(uint64_t seed, const GenOptions& options = {},
                                  vmm::Technique technique = vmm::Technique::TrapAndEmulate);

// A failure as a few paragraphs of text for a test log or a terminal.
std::string describe(const Failure& failure);

}  // namespace trapvm::hardening
