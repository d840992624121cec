// Hints for the commonest mistakes in a first kernel, after a run ends
// badly: one line on stderr after the usual message, never changing the
// exit status (--quiet drops it with the message).
//
//   trapvm run: unhandled trap: ILLEGAL (...) at pc 0x0000001c, instruction word 0x00000000; ...
//   trapvm run: hint: the program ran past its last instruction into zeroed memory: no halt at its end?
//
// The mistakes and how they show:
//   no halt           ILLEGAL with word 0 just past the program's last
//                     instruction (one that runs on), or a fetch past the
//                     end of memory; word 0 elsewhere may be a bad jump too
//   rbound 0          BOUNDS from user mode while rbound is 0: every user
//                     address traps
//   no epc + 4        the same SYSCALL at the same pc, over and over, each
//                     right after the handler's rfe (it returns to the sys
//                     itself); likewise any trap whose handler returns to
//                     the instruction that traps
//   timer not acked   the TIMER interrupt, again and again at the same pc,
//                     each right after the handler's rfe
//
// They are found from the stop and a small history of traps. A run that
// stops at the step limit is looked at further: trapvm runs it on, with
// its console cut off, kProbeSteps instructions more, keeping its last
// traps (the run is deterministic, so that is what it was doing). Nothing
// of this happens while the program runs: the machine's loop is untouched.
#pragma once

#include "image/image.hpp"
#include "machine/machine.hpp"
#include "tools/outcome.hpp"
#include "vmm/monitor.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace trapvm::cli {

inline constexpr uint64_t kProbeSteps = 20000;
inline constexpr size_t kTrapsKept = 32;  // the history: the last traps seen
inline constexpr size_t kRepeats = 8;     // "over and over": at least this many in a row

struct TrapSeen {
    Trap trap;
    uint32_t epc = 0;
    bool user = false;             // taken from user mode
    uint32_t rbound = 0;           // R's bound then
    bool right_after_rfe = false;  // no instruction retired since the last rfe
};

// What a hint looks at: how the run ended, the state there, and the
// traps of the history (oldest first).
struct HintFacts {
    Outcome outcome;
    bool user = false;  // the mode at the stop
    uint32_t rbound = 0;
    uint32_t memory_size = 0;
    std::vector<TrapSeen> recent;
    std::string last_line;  // the program's last instruction, when the stop's pc is just past it
};

// The hint for these facts, or "".
std::string hint_for(const HintFacts& facts);

// The hint after a bare run ended with outcome; at the step limit it runs
// the machine on (its console cut off) to see what it was doing.
std::string hint_after(Machine& machine, const Outcome& outcome, const Image& image);

// The hints after a run under the monitor, one per VM ("" for none), from
// each VM's outcome; the VMs stopped at the step limit are run on together.
std::vector<std::string> hints_after(vmm::Monitor& monitor, const std::vector<Outcome>& outcomes,
                                     const std::vector<Image>& images);

}  // namespace trapvm::cli
