// Trace events: everything `trapvm trace` writes, one per line.
//
// A Record (record.hpp) is what the guest can see of one instruction or
// trap; an Event wraps it with where it happened (symbol, source line,
// disassembly) and adds what only the monitor sees: its exits, the
// interrupts it injects, the VMs it schedules. Idle time in wfi and the end
// of each run are events too. trace/FORMAT.md documents every kind.
#pragma once

#include "trace/record.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace trapvm::trace {

// A privileged register an emulated csrr read or csrw wrote, and the value.
struct CsrAccess {
    pg32::Csr csr{};
    bool write = false;
    uint32_t value = 0;  // csrr: the value read; csrw: the value the register holds now
    friend bool operator==(const CsrAccess&, const CsrAccess&) = default;
};

// What the monitor did with one exit.
struct ExitInfo {
    std::string decision;           // vmm::decision_name: "emulate", "reflect", "preempt", "stop", "deadline", "patch"
    std::string routine;            // the interpreter routine that ran ("csrw"), or ""
    std::vector<CsrWrite> changes;  // the virtual privileged registers the exit changed
    uint32_t real_rbase = 0;        // the real R the allocator set for the guest afterwards
    uint32_t real_rbound = 0;
    // Added in format 1 for readers of --only traps (FORMAT.md):
    std::string assembly;           // a PRIVILEGED exit's instruction ("csrr t0, cause"), or ""
    std::optional<CsrAccess> csr;   // the csr an emulated csrr or csrw touched
    std::vector<PortAccess> ports;  // the port an emulated in or out touched
    std::string why;                // why the dispatcher decided so ("virtual system mode: ...")
    friend bool operator==(const ExitInfo&, const ExitInfo&) = default;
};

struct Event {
    enum class Type : uint8_t {
        Step,      // a retired instruction (guest-visible)
        Trap,      // a trap or interrupt the guest took (guest-visible)
        Exit,      // the monitor handled an exit (vmm only)
        Inject,    // the monitor delivered a virtual interrupt (vmm only)
        Schedule,  // the monitor switched the real CPU to another VM (vmm only)
        Idle,      // time skipped in wfi until the next interrupt
        End,       // a machine or VM stopped
    };
    Type type = Type::Step;
    int vm = -1;  // the VM's index under the monitor; -1 on the bare machine

    // Step and Trap: the guest's record. The other types use only
    // record.step (the VM's instructions retired before the event, or for
    // Exit the instruction that exited), record.pc and record.system (the
    // guest's (virtual) mode), and for Exit and Inject record.trap.
    Record record;

    // Step, Trap and Exit: where record.pc is, when the program image knows.
    std::string assembly;  // "addi t0, t0, 4" (Step only)
    std::string symbol;    // "loop+0x8", or ""
    std::string source;    // "kernel.s:12", or ""

    ExitInfo exit;                // Exit
    uint64_t idle_from = 0;       // Idle: the tick wfi started waiting at
    uint64_t idle_to = 0;         //   and the tick the wait ended
    nlohmann::ordered_json stop;  // End: how it ended, {"reason": "halt", "pc": 36}

    bool guest_visible() const { return type == Type::Step || type == Type::Trap; }
    friend bool operator==(const Event&, const Event&) = default;
};

// "step", "trap", "interrupt", "exit", ...: the "type" of the JSON record.
// A Trap event is "interrupt" when its cause is one.
const char* type_name(const Event& e);

// The first lines of a trace: what ran, and how it was filtered.
struct Header {
    bool vmm = false;                   // run under the monitor
    std::string profile = "pg32";       // the ISA profile (profiles.tbl); the JSON has it when not pg32
    std::vector<std::string> programs;  // one per VM (one on the bare machine)
    uint32_t memory_size = 0;           // bytes (per VM under the monitor)
    uint32_t quantum = 0;               // the monitor's time slice (vmm only)
    nlohmann::ordered_json filter = nlohmann::ordered_json::object();
    friend bool operator==(const Header&, const Header&) = default;
};

}  // namespace trapvm::trace
