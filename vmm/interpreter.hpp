// The interpreter routines (Popek and Goldberg's v_i): one per privileged
// instruction. Each does to the virtual CPU exactly what the instruction
// would do to a real CPU in system mode, then advances the guest's pc.
//
// The dispatcher calls them only when the guest is in virtual system mode;
// in virtual user mode the same instructions are reflected as PRIVILEGED
// traps instead. They touch only the virtual CPU: if a routine changes the
// virtual mode or R, the dispatcher has the allocator recompose the real R.
#pragma once

#include "isa-spec/isa.hpp"
#include "vmm/vcpu.hpp"

namespace trapvm::vmm {

using Routine = void (*)(VirtualCpu& cpu, const pg32::Decoded& insn);

void emulate_csrr(VirtualCpu& cpu, const pg32::Decoded& insn);
void emulate_csrw(VirtualCpu& cpu, const pg32::Decoded& insn);
void emulate_rfe(VirtualCpu& cpu, const pg32::Decoded& insn);
void emulate_wfi(VirtualCpu& cpu, const pg32::Decoded& insn);
void emulate_halt(VirtualCpu& cpu, const pg32::Decoded& insn);
void emulate_in(VirtualCpu& cpu, const pg32::Decoded& insn);
void emulate_out(VirtualCpu& cpu, const pg32::Decoded& insn);

// The routine for a privileged instruction; null for any other.
Routine routine_for(pg32::Op op);

}  // namespace trapvm::vmm
