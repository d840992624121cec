// Resource control (see resource_control.hpp).
#include "properties/resource_control.hpp"

#include <cstring>

namespace trapvm::properties {

namespace {

// Watches a monitor run: the invariants of resource_control.hpp at every
// event. One copy of all memory is kept up to date region by region: no
// allocation per slice (slices can be one instruction long).
class Watch : public vmm::MonitorObserver, public Observer {
public:
    explicit Watch(const vmm::Monitor& m)
        : m_(m), snapshot_(m.machine().memory().begin(), m.machine().memory().end()) {}
    std::string problem;

    void scheduled(const vmm::Vm& vm) override {
        compare_others();  // nothing outside the last VM's region changed during its slice
        if (current_) {    // its own region did, legitimately
            const vmm::Region& r = current_->region;
            std::memcpy(snapshot_.data() + r.base, m_.machine().memory().data() + r.base, r.size);
        }
        current_ = &vm;
    }
    Observer* guest(const vmm::Vm&) override { return this; }
    void exited(const vmm::Vm& vm, const vmm::ExitEvent& e) override {
        check_vcpu(vm);
        compare_others();
        if (e.decision != vmm::Decision::Stopped && !inside(vm.region, e.real_rbase, e.real_rbound))
            fail("after an exit the real R is outside the VM's region");
    }
    void injected(const vmm::Vm& vm, pg32::Cause, uint32_t) override { check_vcpu(vm), compare_others(); }
    // Before every guest instruction the real CPU runs directly.
    bool before(uint32_t) override {
        const PrivRegs& real = m_.machine().priv();
        if (real.system_mode()) fail("guest code runs in real system mode");
        if (current_ && !inside(current_->region, real.rbase, real.rbound))
            fail("guest code runs with R outside its region");
        return false;
    }

private:
    const vmm::Monitor& m_;
    const vmm::Vm* current_ = nullptr;
    std::vector<uint8_t> snapshot_;

    void fail(const std::string& what) {
        if (problem.empty()) problem = what;
    }
    static bool inside(const vmm::Region& r, uint32_t base, uint32_t bound) {
        return bound == 0 || (base >= r.base && uint64_t{base} + bound <= uint64_t{r.base} + r.size);
    }
    void check_vcpu(const vmm::Vm& vm) {
        const vmm::VirtualCpu& c = vm.cpu;
        if (c.regs[0] != 0) fail("a virtual r0 is not 0");
        if (c.pc % 4) fail("a virtual pc is not word-aligned");
        if ((c.priv.psw | c.priv.epsw) & ~3u) fail("a virtual psw or epsw has bits other than 0-1");
    }
    // Every byte outside the running VM's region is as it was.
    void compare_others() {
        if (!current_) return;
        std::span<const uint8_t> now = m_.machine().memory();
        const vmm::Region& r = current_->region;
        if (std::memcmp(now.data(), snapshot_.data(), r.base) != 0 ||
            std::memcmp(now.data() + r.base + r.size, snapshot_.data() + r.base + r.size,
                        now.size() - r.base - r.size) != 0)
            fail(current_->name + " changed memory outside its region");
    }
};

// Exits and injections so far: the monitor's work that is not direct execution.
uint64_t exits_and_injections(const vmm::Monitor& monitor) {
    vmm::ExitStats s = monitor.total_stats();
    uint64_t injected = 0;
    for (uint64_t n : s.injected) injected += n;
    return s.exits() + injected;
}

// Runs the rounds, checking the time share; "" or the first violation.
std::string run_rounds(vmm::Monitor& monitor, const Watch& watch, const ResourceControlSetup& setup) {
    uint64_t before = 0, fair = setup.images.size() * (uint64_t{setup.quantum} + 2);
    for (uint64_t round = 0; round < setup.max_rounds && watch.problem.empty() && monitor.run_round(); ++round) {
        uint64_t now = exits_and_injections(monitor);
        if (now - before > fair) return "unfair: one round handled " + std::to_string(now - before) + " exits";
        before = now;
    }
    if (!watch.problem.empty()) return watch.problem;
    if (monitor.machine().resource_changes() != monitor.allocator().changes())
        return "the real mode or R changed other than through the allocator";
    return "";
}

}  // namespace

ResourceControlVerdict check_resource_control(const ResourceControlSetup& setup) {
    vmm::Monitor monitor({.vm_memory_size = setup.vm_memory_size,
                          .quantum = setup.quantum,
                          .max_steps = setup.max_steps,
                          .technique = setup.technique},
                         static_cast<int>(setup.images.size()));
    std::vector<CaptureSink> consoles(setup.images.size());
    for (size_t i = 0; i < setup.images.size(); ++i) {
        for (const Segment& s : setup.images[i]->segments)
            if (!monitor.load(static_cast<int>(i), s.address, s.bytes)) return {};  // too big: not a monitor matter
        monitor.vms()[i].cpu.devices.console.sink = &consoles[i];
        monitor.reset(static_cast<int>(i), setup.images[i]->entry);
    }
    Watch watch(monitor);
    monitor.set_observer(&watch);
    ResourceControlVerdict v;
    try {
        v.problem = run_rounds(monitor, watch, setup);
    } catch (const std::exception& e) {
        v.problem = std::string("the monitor threw: ") + e.what();
    }
    v.holds = v.problem.empty();
    v.stats = monitor.total_stats();
    for (const vmm::Vm& vm : monitor.vms()) v.stops.push_back(vm.cpu.stop);
    return v;
}

}  // namespace trapvm::properties
