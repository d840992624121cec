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
// Obs is NoObserver (nobody watches: the hooks vanish) or Observer.
#pragma once

#include "machine/machine.hpp"
#include "machine/observer.hpp"
#include "vmm/vcpu.hpp"

namespace trapvm::vmm {

template <class Obs> struct VirtualHart {
    VirtualCpu& cpu;
    Obs& obs;
    uint32_t at;       // the instruction being emulated ...
    uint32_t next_pc;  // ... and the next: at + 4 unless the instruction jumps

    uint32_t pc() const { return at; }
    uint32_t reg(int r) const { return cpu.regs.x[r]; }

    // Writes to r0 arrive as Registers::kSink, as in the machine.
    void set(int rd, uint32_t value) {
        if constexpr (Obs::kActive)
            if (rd != Registers::kSink) obs.register_written(rd, cpu.regs.x[rd], value);
        cpu.regs.x[rd] = value;
    }

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
