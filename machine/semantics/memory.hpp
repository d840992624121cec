// Semantics of loads and stores. The Hart checks alignment and R and
// relocates the address; these only pick the width and extension.
#pragma once

#include "machine/hart.hpp"

namespace trapvm::sem {

PG32_SEMANTICS uint32_t sign_extend(uint32_t v, int bits) {
    uint32_t sign = 1u << (bits - 1);
    return (v ^ sign) - sign;
}

// Loads: rd = memory[rs1 + off]. On a trap rd is left unchanged.
template <class H> PG32_SEMANTICS MaybeTrap load_into(H& h, Insn i, uint32_t size, bool is_signed) {
    uint32_t value;
    if (MaybeTrap t = h.load(h.reg(i.rs1) + static_cast<uint32_t>(i.imm), size, value)) return t;
    h.set(i.rd, is_signed ? sign_extend(value, static_cast<int>(size * 8)) : value);
    return {};
}

template <class H> PG32_SEMANTICS MaybeTrap exec_Lw(H& h, Insn i) { return load_into(h, i, 4, false); }
template <class H> PG32_SEMANTICS MaybeTrap exec_Lh(H& h, Insn i) { return load_into(h, i, 2, true); }
template <class H> PG32_SEMANTICS MaybeTrap exec_Lhu(H& h, Insn i) { return load_into(h, i, 2, false); }
template <class H> PG32_SEMANTICS MaybeTrap exec_Lb(H& h, Insn i) { return load_into(h, i, 1, true); }
template <class H> PG32_SEMANTICS MaybeTrap exec_Lbu(H& h, Insn i) { return load_into(h, i, 1, false); }

// Stores: memory[rs1 + off] = the low size bytes of rs2.
template <class H> PG32_SEMANTICS MaybeTrap store_from(H& h, Insn i, uint32_t size) {
    uint32_t mask = size == 4 ? 0xffffffffu : (1u << (size * 8)) - 1;
    return h.store(h.reg(i.rs1) + static_cast<uint32_t>(i.imm), size, h.reg(i.rs2) & mask);
}

template <class H> PG32_SEMANTICS MaybeTrap exec_Sw(H& h, Insn i) { return store_from(h, i, 4); }
template <class H> PG32_SEMANTICS MaybeTrap exec_Sh(H& h, Insn i) { return store_from(h, i, 2); }
template <class H> PG32_SEMANTICS MaybeTrap exec_Sb(H& h, Insn i) { return store_from(h, i, 1); }

}  // namespace trapvm::sem
