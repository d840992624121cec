// The interpreter routines (Popek and Goldberg's v_i): one per privileged
// instruction. Each does to the virtual CPU exactly what the instruction
// does to a real CPU in system mode; compare each with its twin of the same
// name in machine/semantics/system.hpp (emulate_Csrw with exec_Csrw).
//
// A routine runs on a VirtualHart (virtual_hart.hpp): the virtual CPU
// behind the interface the machine's semantics see, so it reports its
// effects (a register, a csr, a port written) to the guest's observer
// exactly as the machine would. The dispatcher calls a routine only for a
// guest in virtual system mode, then counts the instruction as retired; in
// virtual user mode the same instructions are reflected as PRIVILEGED traps.
// If a routine changes the virtual mode or R, the allocator recomposes the
// real R afterwards.
//
// Adding a privileged instruction: its row in isa-spec/tables/
// instructions.tbl, its exec_Name in machine/semantics/, and its
// emulate_Name here. routine_table() is built from the table's privileged
// rows, so a missing routine is a build error naming the row.
#pragma once

#include "vmm/virtual_hart.hpp"

#include <array>
#include <type_traits>
#include <utility>

namespace trapvm::vmm {

inline pg32::Csr csr_of(const Insn& i) { return static_cast<pg32::Csr>(i.imm); }

template <class H> void emulate_Csrr(H& h, Insn i) { h.set(i.rd, h.priv().read(csr_of(i))); }

template <class H> void emulate_Csrw(H& h, Insn i) {
    uint32_t old = h.priv().read(csr_of(i));
    h.priv().write(csr_of(i), h.reg(i.rs1));
    h.obs.csr_written(csr_of(i), old, h.priv().read(csr_of(i)));
}

// pc <- epc, psw <- epsw: maybe back to virtual user mode.
template <class H> void emulate_Rfe(H& h, Insn) {
    h.jump(h.priv().epc);  // back to epc (but psw stays: never back to user mode)
}

// The monitor deschedules the VM until its next virtual event.
template <class H> void emulate_Wfi(H& h, Insn) { h.wait_for_interrupt(); }

// Stops this VM only.
template <class H> void emulate_Halt(H& h, Insn) { h.halt(); }

template <class H> void emulate_In(H& h, Insn i) {
    uint32_t port = static_cast<uint32_t>(i.imm);
    std::optional<uint32_t> value = h.devices().in(port, h.now());
    h.obs.port_accessed(port, value.value_or(0xffffffffu), false);
    h.set(i.rd, value.value_or(0xffffffffu));  // no virtual device drives the bus: all ones
    h.device_stop();                           // Ctrl-C while waiting for input
}

template <class H> void emulate_Out(H& h, Insn i) {
    uint32_t port = static_cast<uint32_t>(i.imm);
    h.obs.port_accessed(port, h.reg(i.rs1), true);
    h.devices().out(port, h.reg(i.rs1), h.now());
    h.device_stop();  // power-off, the output limit, a failed write: this VM stops
}

// ---- the routine table, from the instruction table's privileged rows

template <class H> using Routine = void (*)(H&, Insn);

// For every privileged row, a stand-in that overload resolution picks only
// when no emulate_Name(H&, Insn) exists above: routine_table() sees it
// and stops the build with a message naming the row.
struct NoRoutine {};
#define PG32_FALLBACK(Name, mnemonic, where) template <class H> NoRoutine emulate_##Name(H&, ...);
PG32_PRIVILEGED_INSTRUCTIONS(PG32_FALLBACK)
#undef PG32_FALLBACK

// The routine of every privileged instruction, indexed by pg32::Op; null
// for the others.
template <class H> constexpr std::array<Routine<H>, pg32::kOpCount> routine_table() {
    std::array<Routine<H>, pg32::kOpCount> table{};
#define PG32_ROUTINE(Name, mnemonic, where)                                                                           \
    {                                                                                                                 \
        static_assert(                                                                                                \
            !std::is_same_v<decltype(emulate_##Name<H>(std::declval<H&>(), std::declval<const Insn&>())), NoRoutine>, \
            where ": '" mnemonic                                                                                      \
                  "' is privileged, so the monitor needs its interpreter routine "                                    \
                  "vmm::emulate_" #Name " in vmm/interpreter.hpp (see isa-spec/README.md)");                          \
        table[static_cast<int>(pg32::Op::Name)] = &emulate_##Name<H>;                                                 \
    }
    PG32_PRIVILEGED_INSTRUCTIONS(PG32_ROUTINE)
#undef PG32_ROUTINE
    return table;
}

}  // namespace trapvm::vmm
