// The reference interpreter: the minimal machine of
// ../shared/reference/performance.md, written only to be measured against.
//
// It runs PG32 words, but only the ten instructions loop (a) uses (add, xor,
// addi, andi, ori, lui, lw, sw, bne, halt): pre-decoded once, dispatched by
// computed goto (each instruction jumps to the next one's code), with a
// bounds check on every fetch, load and store and a 64-bit count of retired
// instructions. It has none of what PG32 also requires (modes, privilege,
// R, precise traps, interrupts, devices, self-modifying code), which is the
// point: it is the "physical limit" trapvm's core is held to.
#include "bench/reference.hpp"

#include <cstring>
#include <vector>

// Threaded dispatch uses GCC's "labels as values"; -Wpedantic would warn.
#pragma GCC diagnostic ignored "-Wpedantic"

namespace trapvm::bench {

namespace {

enum Op : uint8_t { kIllegal, kAdd, kXor, kAddi, kAndi, kOri, kLui, kLw, kSw, kBne, kHalt, kOps };

struct Decoded {
    Op op = kIllegal;
    uint8_t rd = 0, rs1 = 0, rs2 = 0;
    int32_t imm = 0;
};

int32_t sext16(uint32_t w) { return static_cast<int16_t>(w & 0xffff); }

// PG32's encodings (isa-spec/tables/formats.tbl): opcode in bits 31:24,
// registers in nibbles after it, the immediate at the bottom.
// A write to r0 goes to a sink register, x[16], that nothing reads.
Decoded decode(uint32_t w) {
    Decoded d;
    uint8_t a = (w >> 20) & 15, b = (w >> 16) & 15, c = (w >> 12) & 15, rd = a ? a : 16;
    switch (w >> 24) {
    case 0x01: return {kAdd, rd, b, c, 0};
    case 0x05: return {kXor, rd, b, c, 0};
    case 0x20: return {kAddi, rd, b, 0, sext16(w)};
    case 0x23: return {kAndi, rd, b, 0, static_cast<int32_t>(w & 0xffff)};
    case 0x24: return {kOri, rd, b, 0, static_cast<int32_t>(w & 0xffff)};
    case 0x29: return {kLui, rd, 0, 0, static_cast<int32_t>((w & 0xffff) << 16)};
    case 0x30: return {kLw, rd, b, 0, sext16(w)};
    case 0x38: return {kSw, a, b, 0, sext16(w)};  // rs2 (the value) is in the first nibble
    case 0x41: return {kBne, 0, a, b, sext16(w) * 4};
    case 0x64: return {kHalt, 0, 0, 0, 0};
    }
    return d;
}

}  // namespace

ReferenceResult run_reference(const Image& image, uint32_t memory_size) {
    std::vector<uint8_t> mem(memory_size);
    for (const Segment& s : image.segments)
        if (uint64_t{s.address} + s.bytes.size() <= memory_size)
            std::memcpy(mem.data() + s.address, s.bytes.data(), s.bytes.size());
    std::vector<Decoded> code(memory_size / 4);
    for (size_t i = 0; i < code.size(); ++i) {
        uint32_t w;
        std::memcpy(&w, mem.data() + 4 * i, 4);
        code[i] = decode(w);
    }
    uint32_t x[17] = {};
    uint64_t steps = 0;
    const Decoded* ip = code.data() + image.entry / 4;
    const Decoded* end = code.data() + code.size();
    static const void* const kLabels[kOps] = {&&illegal, &&add, &&xor_, &&addi, &&andi, &&ori,
                                              &&lui,     &&lw,  &&sw,   &&bne,  &&halt};
    ReferenceResult result;

    // Fetch: bounds, then the next instruction's code. (No step limit:
    // loop (a) halts; a count is all the reference keeps.)
#define NEXT()                   \
    do {                         \
        if (ip >= end) goto out; \
        goto* kLabels[ip->op];   \
    } while (0)
#define RETIRE(ALU) \
    do {            \
        ALU;        \
        ++steps;    \
        ++ip;       \
        NEXT();     \
    } while (0)

    NEXT();
add:
    RETIRE(x[ip->rd] = x[ip->rs1] + x[ip->rs2]);
xor_:
    RETIRE(x[ip->rd] = x[ip->rs1] ^ x[ip->rs2]);
addi:
    RETIRE(x[ip->rd] = x[ip->rs1] + static_cast<uint32_t>(ip->imm));
andi:
    RETIRE(x[ip->rd] = x[ip->rs1] & static_cast<uint32_t>(ip->imm));
ori:
    RETIRE(x[ip->rd] = x[ip->rs1] | static_cast<uint32_t>(ip->imm));
lui:
    RETIRE(x[ip->rd] = static_cast<uint32_t>(ip->imm));
lw : {
    uint32_t a = x[ip->rs1] + static_cast<uint32_t>(ip->imm);
    if ((a & 3) || uint64_t{a} + 4 > memory_size) goto out;
    RETIRE(std::memcpy(&x[ip->rd], mem.data() + a, 4));
}
sw : {
    uint32_t a = x[ip->rs1] + static_cast<uint32_t>(ip->imm);
    if ((a & 3) || uint64_t{a} + 4 > memory_size) goto out;
    RETIRE(std::memcpy(mem.data() + a, &x[ip->rd], 4));
}
bne:
    if (x[ip->rs1] != x[ip->rs2]) {
        int64_t target = (ip - code.data()) + ip->imm / 4;
        if (target < 0) goto out;
        ++steps;
        ip = code.data() + target;
        NEXT();
    }
    RETIRE((void)0);
halt:
    ++steps;
    result.halted = true;
illegal:
out:
    result.steps = steps;
    result.a0 = x[3];
    return result;
#undef NEXT
#undef RETIRE
}

}  // namespace trapvm::bench
