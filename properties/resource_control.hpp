// Popek and Goldberg's resource-control property: a guest cannot change the
// resources allocated to it, nor take those of another. Checked on guests
// run side by side under the monitor, watched at every exit, injection and
// switch, and before every instruction run directly:
//   - guest code runs only in real user mode, with a real R inside the
//     running VM's region;
//   - memory outside the running VM's region does not change, byte for byte;
//   - the real mode and R change only through the allocator;
//   - each virtual CPU keeps PG32's invariants (r0 is 0, the pc is a
//     multiple of 4, psw and epsw have no bits but mode and IE);
//   - time is shared: no round handles more than a time slice of exits
//     and injections per VM, so no guest keeps the others waiting;
//   - and the monitor itself never fails (no exception escapes it).
// The monitor fuzzer and the tests use it; so can a grader.
#pragma once

#include "image/image.hpp"
#include "vmm/monitor.hpp"

#include <string>
#include <vector>

namespace trapvm::properties {

struct ResourceControlSetup {
    std::vector<const Image*> images;  // one VM each
    uint32_t vm_memory_size = pg32::kMemorySizeDefault;
    uint32_t quantum = pg32::kQuantumDefault;
    uint64_t max_steps = 100'000;  // per VM
    uint64_t max_rounds = 100'000;
    vmm::Technique technique = vmm::Technique::TrapAndEmulate;
};

struct ResourceControlVerdict {
    bool holds = true;
    std::string problem;      // the first violation, in one line
    vmm::ExitStats stats;     // all VMs' exits
    std::vector<Stop> stops;  // how each VM ended
};

// Loads the images (an image that does not fit its VM is not a
// resource-control matter: the verdict holds, with no run) and runs them.
ResourceControlVerdict check_resource_control(const ResourceControlSetup& setup);

}  // namespace trapvm::properties
