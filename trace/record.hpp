// Trace records: what one retired instruction or one trap looked like.
//
// These are the guest-visible facts of a run: the same program on bare
// hardware and under the monitor must produce the same records, step by step.
#pragma once

#include "machine/cpu_state.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace trapvm::trace {

struct RegWrite {
    uint8_t reg = 0;
    uint32_t old_value = 0;
    uint32_t new_value = 0;
    friend bool operator==(const RegWrite&, const RegWrite&) = default;
};

struct MemWrite {
    uint32_t address = 0;   // as the program saw it
    uint32_t physical = 0;  // (guest-)physical: after relocation by R
    uint8_t size = 0;
    uint32_t old_value = 0;
    uint32_t new_value = 0;
    friend bool operator==(const MemWrite&, const MemWrite&) = default;
};

struct PortAccess {
    uint32_t port = 0;
    uint32_t value = 0;
    bool write = false;
    friend bool operator==(const PortAccess&, const PortAccess&) = default;
};

// A privileged register written: by csrw, psw by rfe, and epc, epsw,
// cause, badaddr and psw by the trap sequence.
struct CsrWrite {
    pg32::Csr csr{};
    uint32_t old_value = 0;
    uint32_t new_value = 0;
    friend bool operator==(const CsrWrite&, const CsrWrite&) = default;
};

// One record: a retired instruction (kind Step) or a trap taken (kind Trap:
// an exception or an interrupt, with the epc the trap sequence saved).
struct Record {
    enum class Kind : uint8_t { Step, Trap };
    Kind kind = Kind::Step;
    uint64_t step = 0;    // Step: index of the instruction (0, 1, ...); Trap: steps retired before it
    uint32_t pc = 0;      // Step: the instruction's address; Trap: epc
    uint32_t word = 0;    // Step: the instruction word
    bool system = false;  // the (virtual) mode the instruction ran in, or the mode trapped from
    std::vector<RegWrite> regs;
    std::vector<MemWrite> mems;
    std::vector<PortAccess> ports;
    std::vector<CsrWrite> csrs;  // Trap: the trap sequence's writes
    Trap trap;                   // Trap

    friend bool operator==(const Record&, const Record&) = default;
};

// One line describing a record, for divergence reports and tests.
std::string describe(const Record& r);

}  // namespace trapvm::trace
