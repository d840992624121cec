// The context an interpreter routine runs in: the virtual CPU, seen through
// the interface the machine's semantics see (machine/hart.hpp). So a
// routine reads like its twin in machine/semantics/system.hpp, and reports
// what it does to the guest's observer in the very same events:
//
//   machine/semantics/system.hpp          vmm/interpreter.hpp
//   sem::exec_Csrw(Hart& h, insn)         vmm::emulate_Csrw(VirtualHart& h, insn)
//     h.priv()   the real csrs              h.priv()   the virtual csrs
//     h.devices() the real devices          h.devices() the VM's virtual devices
//     h.set(rd)  a real register            h.set(rd)  the guest's saved register
//     h.obs      the tracer, debugger       h.obs      the same, for this VM
//
// The hybrid monitor (hybrid.hpp) runs every instruction of virtual system
// mode on a VirtualHart, with the machine's own semantics (sem::exec_Name):
// then it also has the guest's memory, as the real CPU would see it with
// the R the allocator composes (allocator.hpp):
//
//     h.load(a)  physical a, inside R       h.load(a)  real rbase + a, a + size <= rbound
//     h.store(a) ... and forgets the        h.store(a) the same, through the machine, which
//                pre-decoded instruction               forgets the pre-decoded instruction
//
// Obs is NoObserver (nobody watches: the hooks vanish) or Observer.
#pragma once

#include "machine/hart.hpp"
#include "machine/machine.hpp"
#include "machine/observer.hpp"
#include "vmm/vcpu.hpp"

namespace trapvm::vmm {

template <class Obs> struct VirtualHart {
    VirtualCpu& cpu;
    Obs& obs;
    uint32_t at;       // the instruction being emulated ...
    uint32_t next_pc;  // ... and the next: at + 4 unless the instruction jumps
    // The guest's memory, for the hybrid interpreter only (the routines of
    // interpreter.hpp never touch memory): program address a is real address
    // rbase + a while a + size <= rbound, the composed R; the region's base
    // turns a real address into the guest-physical one the guest sees.
    Machine* machine = nullptr;
    uint32_t rbase = 0, rbound = 0, region_base = 0;
    // The guest's general registers: cpu.regs, or the real CPU's while the
    // monitor handles an exit in place (monitor.cpp), the guest still on it.
    Registers* regs = &cpu.regs;

    uint32_t pc() const { return at; }
    uint32_t reg(int r) const { return regs->x[r]; }

    // Writes to r0 arrive as Registers::kSink, as in the machine.
    void set(int rd, uint32_t value) {
        if constexpr (Obs::kActive)
            if (rd != Registers::kSink) obs.register_written(rd, regs->x[rd], value);
        regs->x[rd] = value;
    }

    // MISALIGNED, then BOUNDS, as the real CPU orders them (machine/hart.hpp).
    MaybeTrap check(uint32_t addr, uint32_t size) const {
        if (addr & (size - 1)) return Trap{pg32::Cause::Misaligned, addr};
        if (uint64_t{addr} + size > rbound) return Trap{pg32::Cause::Bounds, addr};
        return {};
    }
    MaybeTrap load(uint32_t addr, uint32_t size, uint32_t& value) const {
        if (MaybeTrap t = check(addr, size)) return t;
        value = machine->read_physical(rbase + addr, static_cast<int>(size)).value();  // R lies inside memory
        return {};
    }
    MaybeTrap store(uint32_t addr, uint32_t size, uint32_t value) {
        if (MaybeTrap t = check(addr, size)) return t;
        uint32_t real = rbase + addr;
        if constexpr (Obs::kActive)  // before the store, as the machine does
            obs.memory_written(addr, real - region_base, static_cast<int>(size),
                               machine->read_physical(real, static_cast<int>(size)).value(), value);
        machine->write_physical(real, value, static_cast<int>(size));
        return {};
    }

    // A target outside R is kept: the next fetch traps there, as on the machine.
    void jump(uint32_t target) { next_pc = target; }
    void jump_by(int32_t offset) { next_pc = at + static_cast<uint32_t>(offset); }

    PrivRegs& priv() { return cpu.priv; }
    Devices& devices() { return cpu.devices; }
    // Devices see an instruction at the tick it retires, in virtual time.
    uint64_t now() const { return cpu.ticks + 1; }
    // These stop or park this VM only.
    void halt() { cpu.stop = Stop{.reason = StopReason::Halt, .pc = at}; }
    void wait_for_interrupt() { cpu.waiting = true; }
    void device_stop() {
        if (std::optional<Stop> stop = trapvm::device_stop(cpu.devices, at)) cpu.stop = std::move(*stop);
    }
};

}  // namespace trapvm::vmm
