// The PG32 conformance suite's one helper: assemble a snippet, install it
// on a fresh Machine, run it, and read the results by name.
//
//   Program p(R"(
//       li   a0, 5
//       addi a1, a0, -1
//       halt
//   )");
//   p.run_to_halt();
//   CHECK(p.reg("a1") == 4);
//
// Every snippet starts with `.include "conformance.inc"` (added here): the
// names of pg32.inc plus the macros on_trap and enter_user. The constant
// MEM_SIZE is the machine's memory size in bytes. Tests name
// addresses by label (p.addr("handler")), never by number, so a change in
// how the assembler lays out code cannot make them pass by accident.
//
// Trap tests follow one convention: the snippet's trap handler is a label
// `handler:` whose first instruction is `halt`. run_to_handler() checks
// that the machine halted there, so the registers the trap sequence wrote
// (p.trap()) are exactly as the trap left them.
#pragma once

#include "assembler/assembler.hpp"
#include "machine/machine.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>

namespace conformance {

using namespace trapvm;

// No snippet needs more; a program that runs longer has a bug (a loop).
inline constexpr uint64_t kStepCap = 1'000'000;

// What the trap sequence leaves in the privileged registers.
struct TrapRecord {
    uint32_t cause = 0;
    uint32_t epc = 0;
    uint32_t epsw = 0;
    uint32_t badaddr = 0;
    friend bool operator==(const TrapRecord&, const TrapRecord&) = default;
};
std::ostream& operator<<(std::ostream& out, const TrapRecord& t);  // "{cause DIVIDE, epc 0x..., ...}"

inline uint32_t code(pg32::Cause cause) { return static_cast<uint32_t>(cause); }

struct ProgramOptions {
    uint32_t memory_size = 1u << 20;  // the machine's default
    std::string input;                // console input; it ends after these bytes
};

class Program {
public:
    // Assembles the snippet (REQUIREs that it assembles) and installs it.
    explicit Program(std::string_view snippet, const ProgramOptions& options = {});
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    // Runs until the machine stops; REQUIREs that it stops within `cap`.
    const Stop& run_to_stop(uint64_t cap = kStepCap);
    // Runs until it stops, and REQUIREs that the reason is `halt`.
    void run_to_halt();
    // Runs until the halt at label `handler` (see the trap convention above).
    void run_to_handler();

    uint32_t reg(std::string_view name) const;    // "a0", "t1", "r5", "zero"
    uint32_t csr(std::string_view name) const;    // "epc", "psw", ...
    uint32_t addr(std::string_view label) const;  // a label's address
    uint32_t word(uint32_t physical) const;       // a word of physical memory
    TrapRecord trap() const;                      // cause, epc, epsw, badaddr
    const std::string& output() const { return console_.text; }

    Machine machine;
    Image image;

private:
    CaptureSink console_;
};

// "halt at 0x0000001c", "unhandled trap DIVIDE at 0x00000008", ...
std::string describe(const Stop& stop);

// The lines "addi a0, a0, 1" repeated n times: straight-line code whose
// instructions can be counted.
std::string repeat(std::string_view line, int n);

}  // namespace conformance
