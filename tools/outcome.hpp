// How a run ended, in the words trapvm reports it: the exit status, the
// message on stderr and the "stop" object of --state-json. Shared by the
// bare machine and each VM under the monitor.
#pragma once

#include "image/image.hpp"
#include "machine/machine.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace trapvm::cli {

struct Outcome {
    enum class Kind {
        Halt,
        PowerOff,
        StepLimit,
        OutputLimit,
        OutputFailed,  // the console output could not be written (message: why)
        TraceLimit,
        UnhandledTrap,
        Deadlock,
        Interrupted,
        Error,  // trapvm itself failed (message: why)
    };
    Kind kind = Kind::Halt;
    uint32_t status = 0;  // PowerOff
    Trap trap;            // UnhandledTrap
    uint32_t pc = 0;
    std::string message;  // Error
    // Where pc is, for messages: in user mode it is relocated by R.
    bool user = false;
    uint32_t rbase = 0;
};

// A run stopped by --max-output or --max-trace (the machine itself knows
// nothing of either), where the machine's outcome `at` says.
Outcome output_limit(const Outcome& at);
Outcome trace_limit(const Outcome& at);

// The outcome of a machine that stopped, or ran out of steps.
Outcome outcome_of(const Machine& machine, bool step_limit_reached);
// The same for a machine described by its Stop record, pc and privileged
// registers (a VM's virtual ones).
Outcome outcome_of(const Stop& stop, bool step_limit_reached, uint32_t pc, const PrivRegs& priv);
// The same, with pc taken as a system-mode (physical) address.
Outcome outcome_of(const Stop& stop, bool step_limit_reached, uint32_t pc);

int exit_status(const Outcome& outcome);

// One line for stderr, or "" when there is nothing to say (a clean halt).
std::string describe(const Outcome& outcome, const Image* image, uint64_t steps);

// {"reason": "halt"} and friends (README documents the schema).
nlohmann::ordered_json to_json(const Outcome& outcome);

// The machine's final state: pc, regs, csr, mode, steps, ticks.
nlohmann::ordered_json machine_state(const Machine& machine);
nlohmann::ordered_json cpu_state(uint32_t pc, const Registers& regs, const PrivRegs& priv, uint64_t steps,
                                 uint64_t ticks);

// What a number on the command line counts. One rule everywhere: counts
// (instructions, steps, records) take decimal suffixes, k = 1000, M = 10^6,
// G = 10^9; bytes take binary ones, K = KiB = 1024, M = MiB, G = GiB.
enum class Unit { Count, Bytes };

// Parses "1000", "0x400", "10M", "64K", "1MiB" as `unit` says; nothing on
// junk, on a suffix the unit does not take, or on overflow.
std::optional<uint64_t> parse_count(const std::string& text, Unit unit = Unit::Count);

}  // namespace trapvm::cli
