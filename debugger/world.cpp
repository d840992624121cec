// The two worlds: the bare machine and the monitor (see world.hpp).
#include "debugger/world.hpp"

#include <vector>

namespace trapvm::debug {

namespace {

// A machine's memory moved aside for the guard's lifetime, so that the rest
// of the machine (or of the monitor around it) can be copied cheaply.
class StorageAside {
public:
    explicit StorageAside(Machine& machine) : machine_(machine), storage_(machine.take_storage()) {}
    ~StorageAside() { machine_.put_storage(std::move(storage_)); }
    StorageAside(const StorageAside&) = delete;
    StorageAside& operator=(const StorageAside&) = delete;

private:
    Machine& machine_;
    Machine::Storage storage_;
};

uint64_t machine_state_bytes(const Machine& m) {
    return sizeof(Machine) + m.unknown_ports().capacity() * sizeof(uint32_t);
}

// The machine's observer hooks, as the events of VM `vm`.
class VmEvents : public Observer {
public:
    VmEvents(RunHooks& hooks, int vm, int* running_vm) : hooks_(hooks), vm_(vm), running_vm_(running_vm) {}
    bool before(uint32_t pc) override {
        if (running_vm_) *running_vm_ = vm_;
        return hooks_.before(vm_, pc);
    }
    void register_written(int reg, uint32_t old_value, uint32_t new_value) override {
        hooks_.register_written(vm_, reg, old_value, new_value);
    }
    void memory_written(uint32_t, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) override {
        hooks_.memory_written(vm_, physical, size, old_value, new_value);
    }
    void retired(uint32_t pc, uint32_t word) override { hooks_.retired(vm_, pc, word); }
    void trapped(const Trap& trap, uint32_t epc, bool to_monitor) override {
        if (!to_monitor) hooks_.trapped(vm_, trap, epc);  // exits are reported by the monitor
    }

private:
    RunHooks& hooks_;
    int vm_;
    int* running_vm_;
};

class BareWorld : public World {
public:
    BareWorld(Machine machine, uint64_t max_steps) : machine_(std::move(machine)), max_steps_(max_steps) {}
    std::unique_ptr<World> copy_state() override {
        StorageAside aside(machine_);
        return std::make_unique<BareWorld>(*this);
    }
    void assign_state(const World& state) override {
        StorageAside aside(machine_);  // the copy has no memory; ours comes back
        machine_ = dynamic_cast<const BareWorld&>(state).machine_;
    }
    uint64_t state_bytes() const override {
        return sizeof(BareWorld) - sizeof(Machine) + machine_state_bytes(machine_);
    }
    void write_memory(uint32_t address, std::span<const uint8_t> bytes) override { machine_.load(address, bytes); }
    uint32_t real_address(int, uint32_t physical) const override { return physical; }

    RunEnd run(RunHooks& hooks) override {
        VmEvents events(hooks, 0, nullptr);
        while (!finished())
            if (machine_.run(max_steps_ - machine_.steps(), events).kind == RunResult::Kind::Break)
                return RunEnd::Break;
        return RunEnd::Finished;
    }
    bool finished() const override { return machine_.stopped() || machine_.steps() >= max_steps_; }

    int vm_count() const override { return 1; }
    bool running(int) const override { return !finished(); }
    CpuView cpu(int) const override {
        return {machine_.regs(),  machine_.pc(),   machine_.priv(), machine_.steps(),
                machine_.ticks(), machine_.stop(), !finished()};
    }
    bool system_mode(int) const override { return machine_.priv().system_mode(); }
    uint32_t live_reg(int, int reg) const override { return machine_.regs()[reg]; }
    std::optional<uint32_t> physical(int, uint32_t address, uint32_t size) const override {
        return machine_.translate(address, size);
    }
    std::optional<uint32_t> read(int, uint32_t physical, int size) const override {
        return machine_.read_physical(physical, size);
    }
    uint32_t memory_size(int) const override { return machine_.memory_size(); }
    const Console& console(int) const override { return machine_.devices().console; }
    const Machine& machine() const override { return machine_; }

private:
    Machine machine_;
    uint64_t max_steps_;
};

// The monitor's hooks: each VM's guest events, and the exits.
class MonitorEvents : public vmm::MonitorObserver {
public:
    MonitorEvents(RunHooks& hooks, int vm_count, int* running_vm) : hooks_(hooks) {
        for (int i = 0; i < vm_count; ++i) vms_.emplace_back(hooks, i, running_vm);
    }
    Observer* guest(const vmm::Vm& vm) override { return &vms_[static_cast<size_t>(vm.id)]; }
    void exited(const vmm::Vm& vm, const vmm::ExitEvent& exit) override { hooks_.exited(vm.id, exit); }

private:
    RunHooks& hooks_;
    std::vector<VmEvents> vms_;
};

class MonitorWorld : public World {
public:
    explicit MonitorWorld(vmm::Monitor monitor) : monitor_(std::move(monitor)) { monitor_.set_observer(nullptr); }
    MonitorWorld(const MonitorWorld& other) : World(), monitor_(other.monitor_) { monitor_.set_observer(nullptr); }
    std::unique_ptr<World> copy_state() override {
        StorageAside aside(real());
        return std::make_unique<MonitorWorld>(*this);
    }
    void assign_state(const World& state) override {
        StorageAside aside(real());  // the copy has no memory; ours comes back
        monitor_ = dynamic_cast<const MonitorWorld&>(state).monitor_;
        monitor_.set_observer(nullptr);
    }
    uint64_t state_bytes() const override {
        uint64_t bytes = sizeof(MonitorWorld) - sizeof(Machine) + machine_state_bytes(monitor_.machine());
        for (const vmm::Vm& vm : monitor_.vms())
            bytes += sizeof(vmm::Vm) + vm.name.capacity() + vm.cpu.devices.unknown_ports.capacity() * sizeof(uint32_t);
        return bytes;
    }
    void write_memory(uint32_t address, std::span<const uint8_t> bytes) override { real().load(address, bytes); }
    uint32_t real_address(int vm, uint32_t physical) const override { return at(vm).region.base + physical; }

    RunEnd run(RunHooks& hooks) override {
        MonitorEvents events(hooks, vm_count(), &running_vm_);
        monitor_.set_observer(&events);
        RunEnd end = RunEnd::Finished;
        while (monitor_.run_round()) {
            if (monitor_.break_requested()) {
                end = RunEnd::Break;
                break;
            }
        }
        monitor_.set_observer(nullptr);  // events dies here
        running_vm_ = -1;
        return end;
    }
    bool finished() const override {
        for (const vmm::Vm& vm : monitor_.vms())
            if (vm.running()) return false;
        return true;
    }

    int vm_count() const override { return static_cast<int>(monitor_.vms().size()); }
    bool running(int vm) const override { return at(vm).running(); }
    CpuView cpu(int vm) const override {
        const vmm::VirtualCpu& c = at(vm).cpu;
        return {c.regs, c.pc, c.priv, c.steps, c.ticks, c.stop, at(vm).running()};
    }
    bool system_mode(int vm) const override { return at(vm).cpu.system_mode(); }
    uint32_t live_reg(int vm, int reg) const override {
        // While a VM runs directly its registers are in the real CPU; the
        // virtual CPU's copy is brought up to date at the next exit or stop.
        return vm == running_vm_ ? monitor_.machine().regs()[reg] : at(vm).cpu.regs[reg];
    }
    // The guest's own translation: its virtual mode and R over its region,
    // as a bare machine with region.size bytes would do it.
    std::optional<uint32_t> physical(int vm, uint32_t address, uint32_t size) const override {
        const vmm::Vm& v = at(vm);
        uint64_t end = uint64_t{address} + size;
        if (v.cpu.system_mode()) return end <= v.region.size ? std::optional<uint32_t>(address) : std::nullopt;
        const PrivRegs& p = v.cpu.priv;
        uint64_t limit = p.rbase >= v.region.size ? 0 : std::min<uint64_t>(p.rbound, v.region.size - p.rbase);
        if (end > limit) return std::nullopt;
        return p.rbase + address;
    }
    std::optional<uint32_t> read(int vm, uint32_t physical, int size) const override {
        const vmm::Region& r = at(vm).region;
        if (uint64_t{physical} + static_cast<uint32_t>(size) > r.size) return std::nullopt;
        return monitor_.machine().read_physical(r.base + physical, size);
    }
    uint32_t memory_size(int vm) const override { return at(vm).region.size; }
    const Console& console(int vm) const override { return at(vm).cpu.devices.console; }
    const Machine& machine() const override { return monitor_.machine(); }
    const vmm::Monitor* monitor() const override { return &monitor_; }

private:
    const vmm::Vm& at(int vm) const { return monitor_.vms()[static_cast<size_t>(vm)]; }
    // The monitor's real machine, to move its memory aside and to write it.
    // The monitor only shows it const; monitor_ itself is not const, so
    // this is sound (a non-const Monitor::machine() would remove the cast).
    Machine& real() { return const_cast<Machine&>(monitor_.machine()); }

    vmm::Monitor monitor_;
    int running_vm_ = -1;  // the VM whose registers are in the real CPU during run()
};

}  // namespace

std::unique_ptr<World> make_bare_world(Machine machine, uint64_t max_steps) {
    return std::make_unique<BareWorld>(std::move(machine), max_steps);
}
std::unique_ptr<World> make_monitor_world(vmm::Monitor monitor) {
    return std::make_unique<MonitorWorld>(std::move(monitor));
}

}  // namespace trapvm::debug
