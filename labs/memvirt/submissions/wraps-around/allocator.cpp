// The allocator (see allocator.hpp).
#include "vmm/allocator.hpp"

#include <algorithm>

namespace trapvm::vmm {

RealR compose_r(const Region& region, const PrivRegs& v) {
    if (v.system_mode()) return {region.base, region.size};
    if (v.rbase >= region.size) return {region.base, 0};       // nothing of the guest's R is inside its memory
    uint32_t end = std::min(v.rbase + v.rbound, region.size);  // overflows when rbase + rbound wraps
    return {region.base + v.rbase, end - v.rbase};
}

std::optional<Region> Allocator::allocate(const Machine& machine, uint32_t size) {
    if (uint64_t{next_free_} + size > machine.memory_size()) return std::nullopt;
    Region region{next_free_, size};
    next_free_ += size;
    return region;
}

void Allocator::enter(Machine& machine, const Vm& vm) {
    RealR r = compose_r(vm.region, vm.cpu.priv);
    const PrivRegs& real = machine.priv();
    constexpr uint32_t kGuestPsw = pg32::PSW_IE;  // real user mode, real interrupts on
    if (real.psw == kGuestPsw && real.rbase == r.rbase && real.rbound == r.rbound) return;
    machine.set_mode_and_r(kGuestPsw, r.rbase, r.rbound);
    ++changes_;
}

}  // namespace trapvm::vmm
