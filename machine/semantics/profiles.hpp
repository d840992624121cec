// Semantics of the instructions the flawed profiles add (isa-spec/tables/
// profile-*.tbl). None is privileged: each runs in user mode too, which is
// exactly its flaw (isa-spec/virtualizability.md). They run inside the block
// like any unprivileged instruction, so they touch psw and R directly and
// make no calls; the two that may change the mode (effect psw-write) end the
// block, so that the next one translates addresses in the new mode.
#pragma once

#include "machine/hart.hpp"

namespace trapvm::sem {

// leaky-psw, like x86 SMSW and PUSHF: the real psw, whatever the mode.
template <class H> PG32_SEMANTICS void exec_Rdpsw(H& h, Insn i) { h.set(i.rd, h.priv().psw); }

// silent-ie, like x86 POPF at CPL 3: in user mode a write of the mode and IE
// bits (all psw has) is dropped without a trap.
template <class H> PG32_SEMANTICS void exec_Wrpsw(H& h, Insn i) {
    PrivRegs& priv = h.priv();
    if (!priv.system_mode()) return;
    uint32_t old = priv.psw;
    priv.psw = h.reg(i.rs1) & (pg32::PSW_SYSTEM | pg32::PSW_IE);
    h.obs.csr_written(pg32::Csr::Psw, old, priv.psw);
}

// leaky-r, like x86 SGDT, SIDT and SLDT: the real relocation base.
template <class H> PG32_SEMANTICS void exec_Rdrbase(H& h, Insn i) { h.set(i.rd, h.priv().rbase); }

// jrst1, like the PDP-10's JRST 1: jump, and from system mode enter user
// mode. From user mode it is a plain jump (not user-sensitive).
template <class H> PG32_SEMANTICS MaybeTrap exec_Jrst(H& h, Insn i) {
    uint32_t target = h.reg(i.rs1);
    if (target & 3) return Trap{pg32::Cause::Misaligned, target};
    PrivRegs& priv = h.priv();
    if (priv.system_mode()) {
        uint32_t old = priv.psw;
        priv.psw &= ~pg32::PSW_SYSTEM;
        h.obs.csr_written(pg32::Csr::Psw, old, priv.psw);
    }
    h.jump(target);
    return {};
}

// ---- The virtualizability lab's profiles (labs/virt): what each does, not
// its class, which the lab's students find.

// lab-virt-a: the physical address of this instruction (R applies in user mode).
template <class H> PG32_SEMANTICS void exec_Rdppc(H& h, Insn i) {
    const PrivRegs& priv = h.priv();
    h.set(i.rd, priv.system_mode() ? h.pc() : priv.rbase + h.pc());
}

// lab-virt-a: the user region's base in system mode; a user sees its own, 0.
template <class H> PG32_SEMANTICS void exec_Rdubase(H& h, Insn i) {
    h.set(i.rd, h.priv().system_mode() ? h.priv().rbase : 0);
}

// lab-virt-a: the machine's name, "PG32" as a word.
template <class H> PG32_SEMANTICS void exec_Cpuid(H& h, Insn i) { h.set(i.rd, 0x50473332u); }

// lab-virt-b: from system mode, user mode from the next instruction on.
template <class H> PG32_SEMANTICS void exec_Drop(H& h, Insn) {
    PrivRegs& priv = h.priv();
    if (!priv.system_mode()) return;
    uint32_t old = priv.psw;
    priv.psw &= ~pg32::PSW_SYSTEM;
    h.obs.csr_written(pg32::Csr::Psw, old, priv.psw);
}

// lab-virt-b: a byte swap.
template <class H> PG32_SEMANTICS void exec_Bswap(H& h, Insn i) { h.set(i.rd, __builtin_bswap32(h.reg(i.rd))); }

}  // namespace trapvm::sem
