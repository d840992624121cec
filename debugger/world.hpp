// What the debugger runs: the bare machine or the monitor with its VMs,
// behind one interface. A World is a value that can be cloned: a clone is a
// checkpoint (Machine and Monitor are both copyable values).
//
// VM numbers: the bare machine is "VM 0"; under the monitor, VM i is the
// monitor's VM i. Addresses the debugger shows or takes are (guest-)physical:
// physical on the bare machine, the VM's own physical addresses under the
// monitor. The pc is the address the program sees (relative to R in user mode).
#pragma once

#include "machine/machine.hpp"
#include "vmm/monitor.hpp"

#include <cstdint>
#include <memory>
#include <optional>

namespace trapvm::debug {

// The events of a run, per VM. Under the monitor the VM events are the
// guest-visible ones (the same for instructions run directly and emulated);
// exited() shows the monitor's own work.
class RunHooks {
public:
    virtual ~RunHooks() = default;
    // About to run the instruction at pc (as the guest sees it). True: stop before it.
    virtual bool before(int vm, uint32_t pc) = 0;
    virtual void register_written(int vm, int reg, uint32_t old_value, uint32_t new_value) = 0;
    // physical: (guest-)physical address of the write.
    virtual void memory_written(int vm, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) = 0;
    virtual void retired(int vm, uint32_t pc, uint32_t word) = 0;
    // A trap or interrupt the guest sees (taken by hardware, reflected or injected).
    virtual void trapped(int vm, const Trap& trap, uint32_t epc) = 0;
    virtual void exited(int vm, const vmm::ExitEvent& exit) = 0;
};

// One (virtual) CPU as the displays see it, at a stop.
struct CpuView {
    Registers regs;
    uint32_t pc = 0;
    PrivRegs priv;
    uint64_t steps = 0;  // instructions retired
    uint64_t ticks = 0;
    Stop stop;
    bool running = true;
};

class World {
public:
    enum class RunEnd { Break, Finished };

    virtual ~World() = default;
    virtual std::unique_ptr<World> clone() const = 0;
    // Becomes a copy of other (a world of the same kind), reusing this one's
    // memory: much cheaper than a clone where fresh pages are expensive.
    virtual void assign(const World& other) = 0;
    // Runs until hooks.before() returns true (Break) or nothing is left to run.
    virtual RunEnd run(RunHooks& hooks) = 0;
    virtual bool finished() const = 0;

    virtual int vm_count() const = 0;
    virtual bool running(int vm) const = 0;
    virtual CpuView cpu(int vm) const = 0;
    // The (virtual) mode; correct inside hooks too.
    virtual bool system_mode(int vm) const = 0;
    // A general register as it is right now. Inside before() this is the
    // live value for the VM that is about to run; at a stop, for every VM.
    virtual uint32_t live_reg(int vm, int reg) const = 0;
    // Program address -> (guest-)physical in the VM's current mode and R, or
    // nothing when the access would trap. Correct inside hooks too.
    virtual std::optional<uint32_t> physical(int vm, uint32_t address, uint32_t size) const = 0;
    // Reads (guest-)physical memory; nothing outside it.
    virtual std::optional<uint32_t> read(int vm, uint32_t physical, int size) const = 0;
    virtual uint32_t memory_size(int vm) const = 0;
    virtual const Console& console(int vm) const = 0;
    // Bytes a clone holds (memory, pre-decoded instructions, the rest).
    virtual uint64_t state_bytes() const = 0;

    // The real machine (the monitor's, under --vmm).
    virtual const Machine& machine() const = 0;
    // The monitor, or null on the bare machine.
    virtual const vmm::Monitor* monitor() const { return nullptr; }
};

// The bare machine, already loaded and reset.
std::unique_ptr<World> make_bare_world(Machine machine);
// The monitor, its VMs already loaded and reset.
std::unique_ptr<World> make_monitor_world(vmm::Monitor monitor);

}  // namespace trapvm::debug
