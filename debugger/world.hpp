// What the debugger runs: the bare machine or the monitor with its VMs,
// behind one interface. A checkpoint is a copy of a World's state without
// its memory (copy_state()) plus the memory's pages (checkpoints.hpp).
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
#include <span>

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

    // ---- for checkpoints, which keep the memory themselves, by pages (checkpoints.hpp)
    // A copy of the whole world but the real machine's memory and its
    // pre-decoded instructions: a few KiB whatever the memory size. (Not
    // const: the memory is moved aside while the rest is copied.)
    virtual std::unique_ptr<World> copy_state() = 0;
    // Becomes a copy of `state` (a copy_state() of a world of the same kind)
    // but keeps its own memory as it is.
    virtual void assign_state(const World& state) = 0;
    // Bytes a copy_state() holds: the objects and what they own.
    virtual uint64_t state_bytes() const = 0;
    // The real machine's memory (the monitor's under --vmm), and writing it;
    // writes keep the pre-decoded instructions right.
    std::span<const uint8_t> memory() const { return machine().memory(); }
    virtual void write_memory(uint32_t address, std::span<const uint8_t> bytes) = 0;
    // Where (guest-)physical address `physical` of VM vm is in the real memory.
    virtual uint32_t real_address(int vm, uint32_t physical) const = 0;

    // Runs until hooks.before() returns true (Break) or nothing is left to run.
    virtual RunEnd run(RunHooks& hooks) = 0;
    virtual bool finished() const = 0;

    virtual int vm_count() const = 0;
    // False once the VM stopped: halt, power-off, a trap with no handler,
    // deadlock, or its step limit.
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

    // The real machine (the monitor's, under --vmm).
    virtual const Machine& machine() const = 0;
    // The monitor, or null on the bare machine.
    virtual const vmm::Monitor* monitor() const { return nullptr; }
};

// The bare machine, already loaded and reset. It stops for good once it has
// retired max_steps instructions (like `trapvm run --max-steps`).
std::unique_ptr<World> make_bare_world(Machine machine, uint64_t max_steps = UINT64_MAX);
// The monitor, its VMs already loaded and reset (each VM's step limit is
// MonitorConfig::max_steps).
std::unique_ptr<World> make_monitor_world(vmm::Monitor monitor);

}  // namespace trapvm::debug
