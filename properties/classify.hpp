// Popek and Goldberg's instruction classes, measured on the machine.
//
// classify() runs every instruction of a profile, one instruction at a time,
// from many random states (with edge values), on the real Machine: no second
// implementation of the semantics. It follows the paper's definitions
// (CACM 1974; isa-spec/virtualizability.md says how each maps to PG32):
//
//   privileged          for every tested pair of states that differ only in
//                       the mode: traps in user mode, not in system mode
//   control-sensitive   some execution that does not trap changes the mode,
//                       R, another privileged register, a device or the run
//                       state (halt, wfi)
//   mode-sensitive      a pair of states that differ only in the mode gives
//                       results that differ (beyond the mode bit itself)
//   location-sensitive  a pair of states that differ only in where R puts
//                       the visible storage gives results that differ beyond
//                       the shift
//
// Executions that trap on memory (BOUNDS, MISALIGNED) are left out, as in
// the paper; so is a PRIVILEGED trap from the mode comparison (it is what
// "privileged" measures).
//
// User-sensitive (Theorem 3) is what can go wrong when virtual user mode
// runs directly, in real user mode: the real mode is then the virtual one,
// but R and the psw's interrupt-enable bit are the monitor's. So an
// instruction is user-sensitive when it is control-sensitive from a
// user-mode state, location-sensitive between two user-mode states, or
// gives different results from two user-mode states that differ only in
// the interrupt-enable bit (the "user" witness). A mode pair alone does not
// make it user-sensitive: it shows what a kernel run in user mode sees.
#pragma once

#include "machine/machine.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trapvm::properties {

// One state an instruction ran from: what differs between the states of a pair.
struct CheckState {
    uint32_t word = 0;  // the instruction
    uint32_t pc = 0;    // its program address
    uint32_t regs[16] = {};
    PrivRegs priv;  // psw (the mode), rbase, rbound, ...
};

// A field that differs: between the two results of a pair, or for control
// sensitivity between the state and its result.
struct FieldDiff {
    std::string field;  // "a0", "pc", "psw", "rbase", "memory 0x0000001c", "trap", "console", ...
    uint32_t a = 0, b = 0;
};

struct Witness {
    std::string kind;  // "privileged", "control", "mode", "location", "user" (the interrupt pair)
    CheckState a;
    CheckState b;      // the pair's other state; for control, a's result
    bool pair = true;  // false for control: one execution
    std::vector<FieldDiff> fields;
};

struct InsnClass {
    bool privileged = false;
    bool control = false, mode = false, location = false;
    bool user_sensitive = false;  // sensitive as user mode sees it (see above; only meaningful when sensitive)
    bool sensitive() const { return control || mode || location; }
};

// "innocuous", "privileged:control", "unprivileged:mode+location",
// "unprivileged:control@system": instructions.tbl's spelling.
std::string class_text(const InsnClass& c);
// The class instructions.tbl (or a profile's overlay) declares.
InsnClass declared_class(pg32::Op op);

struct InsnVerdict {
    pg32::Op op{};
    InsnClass declared, measured;
    bool agree = false;
    std::vector<Witness> witnesses;  // one per positive finding, in the order found
    uint64_t runs = 0;               // executions of the instruction
    uint64_t excluded = 0;           // of them, memory traps left out
};

struct TheoremVerdict {
    bool holds = true;
    std::vector<std::string> violators;  // mnemonics: measured sensitive (user-sensitive) and not privileged
};

struct ClassifyOptions {
    const pg32::ProfileInfo* profile = &pg32::base_profile();
    uint64_t seed = 1;
    uint32_t states = 1000;  // per instruction, each run in pairs
};

struct ClassifyReport {
    const pg32::ProfileInfo* profile = nullptr;
    uint64_t seed = 0;
    uint32_t states = 0;
    std::vector<InsnVerdict> instructions;  // the profile's, in table order
    TheoremVerdict theorem1, theorem3;
    // On a profile with the guest-mode extension: Theorem 1 for a monitor
    // that runs its guests in guest mode, where the measured-sensitive
    // instructions must trap (each run from user mode in guest mode, on a
    // monitor's machine: PRIVILEGED, or it is a violator).
    std::optional<TheoremVerdict> guest_mode_theorem1;
    bool all_agree() const;
};

ClassifyReport classify(const ClassifyOptions& options);

}  // namespace trapvm::properties
