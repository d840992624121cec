// Exit statistics, in the manner of `perf kvm stat`: why the guest left
// direct execution, how often, and how much of it ran directly.
#pragma once

#include "isa-spec/isa.hpp"

#include <cstdint>
#include <iterator>
#include <string>
#include <vector>

namespace trapvm::vmm {

struct ExitStats {
    // Exits, by reason:
    uint64_t emulated[pg32::kOpCount] = {};          // a privileged instruction in virtual system mode, by opcode
    uint64_t reflected[pg32::kCauseCodeLimit] = {};  // a trap the guest must see, by cause code
    uint64_t preemptions = 0;                        // the real timer: the VM's time slice ended
    uint64_t deadlines = 0;                          // stopped at the guest's virtual timer expiry
    uint64_t hypercalls = 0;                         // --vmm=paravirt: the guest kernel called the monitor
    uint64_t hypercall_counts[pg32::kHypercallCount] = {};  // ... by hypercall, as pg32::kHypercalls
    // hardware: a sensitive unprivileged instruction that exited in guest
    // mode, run on the virtual CPU with the machine's semantics, by opcode
    uint64_t sensitive_exits[pg32::kOpCount] = {};
    uint64_t patched_by_op[pg32::kOpCount] = {};  // a patched instruction (patch.hpp), by opcode
    // Not exits, but what the monitor did:
    uint64_t injected[pg32::kCauseCodeLimit] = {};  // virtual interrupts delivered to the guest, by cause
    uint64_t direct = 0;                            // guest instructions the real CPU ran directly
    uint64_t interpreted = 0;                       // guest instructions the interpreter routines ran (emulated)
    uint64_t hybrid_interpreted = 0;                // the hybrid monitor interpreted, in virtual system mode
    uint64_t patched = 0;                           // patched instructions run at their exits (patch.hpp)

    uint64_t exits() const;
    uint64_t sensitive_exit_count() const;  // the sum of sensitive_exits
    // The share of guest instructions that ran directly (not emulated,
    // interpreted, patched, sensitive exits nor hypercalls), 0..1.
    double efficiency() const;
    void add(const ExitStats& other);
    friend bool operator==(const ExitStats&, const ExitStats&) = default;

    struct Row {
        std::string reason;  // "csrw (emulated)", "SYSCALL (reflected)", "CONSOLE_WRITE (hypercall)", ...
        uint64_t count;
    };
    // Every reason with a non-zero count, most frequent first.
    std::vector<Row> rows() const;
};

// The table --stats prints for one VM or the total.
std::string format_stats(const std::string& title, const ExitStats& stats);

}  // namespace trapvm::vmm
