// The interpreter routines (see interpreter.hpp). Compare each one with its
// twin in machine/semantics/system.hpp: same effect, on virtual state.
#include "vmm/interpreter.hpp"

namespace trapvm::vmm {

using pg32::Csr;
using pg32::Op;

// Devices see an instruction at the tick it retires, as on real hardware.
static uint64_t retire_tick(const VirtualCpu& cpu) { return cpu.ticks + 1; }

void emulate_csrr(VirtualCpu& cpu, const pg32::Decoded& insn) {
    cpu.regs.set(insn.rd, cpu.priv.read(static_cast<Csr>(insn.imm)));
    cpu.pc += 4;
}

void emulate_csrw(VirtualCpu& cpu, const pg32::Decoded& insn) {
    cpu.priv.write(static_cast<Csr>(insn.imm), cpu.regs[insn.rs1]);
    cpu.pc += 4;
}

void emulate_rfe(VirtualCpu& cpu, const pg32::Decoded&) {
    apply_rfe(cpu.priv, cpu.pc);  // pc <- epc, psw <- epsw: maybe back to virtual user mode
}

void emulate_wfi(VirtualCpu& cpu, const pg32::Decoded&) {
    cpu.waiting = true;  // the monitor deschedules the VM until its next virtual event
    cpu.pc += 4;
}

void emulate_halt(VirtualCpu& cpu, const pg32::Decoded&) {
    cpu.stop = Stop{.reason = StopReason::Halt, .pc = cpu.pc};  // stops this VM only
    cpu.pc += 4;
}

// After in/out, as the machine does: power-off, the output limit, a failed
// write or Ctrl-C stop this VM at the instruction, which retires.
static void device_stop(VirtualCpu& cpu) {
    if (std::optional<Stop> stop = trapvm::device_stop(cpu.devices, cpu.pc)) cpu.stop = std::move(*stop);
}

void emulate_in(VirtualCpu& cpu, const pg32::Decoded& insn) {
    std::optional<uint32_t> value = cpu.devices.in(static_cast<uint32_t>(insn.imm), retire_tick(cpu));
    cpu.regs.set(insn.rd, value.value_or(0xffffffffu));
    device_stop(cpu);
    cpu.pc += 4;
}

void emulate_out(VirtualCpu& cpu, const pg32::Decoded& insn) {
    cpu.devices.out(static_cast<uint32_t>(insn.imm), cpu.regs[insn.rs1], retire_tick(cpu));
    device_stop(cpu);
    cpu.pc += 4;
}

Routine routine_for(Op op) {
    switch (op) {
    case Op::Csrr: return emulate_csrr;
    case Op::Csrw: return emulate_csrw;
    case Op::Rfe: return emulate_rfe;
    case Op::Wfi: return emulate_wfi;
    case Op::Halt: return emulate_halt;
    case Op::In: return emulate_in;
    case Op::Out: return emulate_out;
    default: return nullptr;
    }
}

}  // namespace trapvm::vmm
