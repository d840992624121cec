// The monitor's VMs: making them (one region of real memory each, from the
// allocator), copying the whole monitor (the debugger's checkpoints),
// loading a guest and resetting its virtual CPU. The scheduler and run loop
// are in monitor.cpp.
#include "vmm/monitor.hpp"

#include "vmm/patch.hpp"

#include <algorithm>
#include <stdexcept>

namespace trapvm::vmm {

namespace {

uint32_t total_memory(const MonitorConfig& config, int vm_count) {
    uint64_t total = uint64_t{config.vm_memory_size} * static_cast<uint64_t>(std::max(vm_count, 1));
    return static_cast<uint32_t>(std::min<uint64_t>(total, kMaxMemorySize));
}

}  // namespace

Monitor::Monitor(MonitorConfig config, int vm_count)
    : config_(config), machine_(MachineConfig{total_memory(config, vm_count)}), dispatcher_(machine_, allocator_) {
    machine_.set_trap_delivery(TrapDelivery::ToMonitor);
    if (std::optional<std::string> why = technique_unavailable(config.technique, machine_.profile()))
        throw std::invalid_argument(*why);
    if (config.technique == Technique::Patch) machine_.trap_in_user_mode(patched_instructions(machine_.profile()));
    for (int i = 0; i < vm_count; ++i) {
        Vm vm;
        vm.id = i;
        vm.name = "vm" + std::to_string(i);
        std::optional<Region> region = allocator_.allocate(machine_, config.vm_memory_size);
        if (!region) throw std::invalid_argument("the VMs need more than 256 MiB of memory together");
        vm.region = *region;
        vms_.push_back(std::move(vm));
    }
}

// Member by member, but for the dispatcher, which stays bound to this
// monitor's own machine and allocator. (A new member goes in both.)
Monitor::Monitor(const Monitor& other)
    : config_(other.config_),
      machine_(other.machine_),
      allocator_(other.allocator_),
      dispatcher_(machine_, allocator_),
      vms_(other.vms_),
      break_(other.break_),
      next_vm_(other.next_vm_),
      in_slice_(other.in_slice_),
      slice_left_(other.slice_left_) {
    set_observer(other.observer_);
}

Monitor& Monitor::operator=(const Monitor& other) {
    config_ = other.config_;
    machine_ = other.machine_;
    allocator_ = other.allocator_;
    vms_ = other.vms_;
    break_ = other.break_;
    next_vm_ = other.next_vm_;
    in_slice_ = other.in_slice_;
    slice_left_ = other.slice_left_;
    set_observer(other.observer_);
    return *this;
}

bool Monitor::load(int vm, uint32_t address, std::span<const uint8_t> bytes) {
    const Region& r = vms_.at(static_cast<size_t>(vm)).region;
    if (uint64_t{address} + bytes.size() > r.size) return false;
    return machine_.load(r.base + address, bytes);
}

void Monitor::reset(int index, uint32_t entry) {
    if (entry % 4 != 0) throw std::invalid_argument("the entry point must be a multiple of 4");
    VirtualCpu& cpu = vms_.at(static_cast<size_t>(index)).cpu;
    Console wiring = cpu.devices.console;  // keep the console's wiring: sink, budget, input
    cpu = VirtualCpu{};
    cpu.pc = entry;
    cpu.devices.console.sink = wiring.sink;
    cpu.devices.console.budget = wiring.budget;
    cpu.devices.console.input = wiring.input;
}

ExitStats Monitor::total_stats() const {
    ExitStats total;
    for (const Vm& vm : vms_) total.add(vm.stats);
    return total;
}

}  // namespace trapvm::vmm
