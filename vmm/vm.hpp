// One virtual machine: its virtual CPU, its memory region and its record.
#pragma once

#include "machine/machine.hpp"
#include "vmm/exit_stats.hpp"
#include "vmm/vcpu.hpp"

#include <string>

namespace trapvm::vmm {

// A slice of real memory the allocator gave a VM: guest physical address a
// is real address base + a, for a < size.
struct Region {
    uint32_t base = 0;
    uint32_t size = 0;
};

struct Vm {
    int id = 0;
    std::string name;  // "vm0", "vm1", ...: prefixes its console lines
    VirtualCpu cpu;
    Region region;
    bool step_limit = false;  // stopped by --max-steps
    ExitStats stats;

    bool running() const { return cpu.stop.reason == StopReason::Running && !step_limit; }
};

}  // namespace trapvm::vmm
