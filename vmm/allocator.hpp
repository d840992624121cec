// The allocator (Popek and Goldberg's A): the only code in the monitor that
// changes real resources, namely the real mode and the real R, and the only
// code that hands out real memory.
//
// Real memory is cut into one region per VM. While a guest runs, the real CPU
// is in user mode with interrupts on (so the real timer always reaches the
// monitor), and the real R is composed from the VM's region and the guest's
// virtual mode and R:
//
//   virtual system mode:  real R = (region.base, region.size)
//                         the guest kernel sees its region as all of memory
//   virtual user mode:    real R = (region.base + vrbase,
//                                   min(vrbound, region.size - vrbase))
//                         the guest's own R, clipped to the region
//
// With that composition a guest gets exactly the BOUNDS traps that bare
// hardware with region.size bytes of memory would give it.
#pragma once

#include "machine/machine.hpp"
#include "vmm/vm.hpp"

#include <optional>

namespace trapvm::vmm {

struct RealR {
    uint32_t rbase = 0;
    uint32_t rbound = 0;
    friend bool operator==(const RealR&, const RealR&) = default;
};

// The composition above, as a pure function (students rewrite this one).
RealR compose_r(const Region& region, const PrivRegs& virtual_priv);

class Allocator {
public:
    // The next `size` bytes of the machine's memory, or nothing when it is full.
    std::optional<Region> allocate(const Machine& machine, uint32_t size);

    // Makes the real mode and R right for running vm's guest directly.
    void enter(Machine& machine, const Vm& vm);

    // Real-resource changes made so far (each one also counts in the machine).
    uint64_t changes() const { return changes_; }

private:
    uint32_t next_free_ = 0;
    uint64_t changes_ = 0;
};

}  // namespace trapvm::vmm
