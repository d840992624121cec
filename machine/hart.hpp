// The execution context instruction semantics see (machine/semantics/*.hpp).
//
// A Hart lives in local variables of the run loop, so the compiler keeps pc,
// the memory pointer and the translation in host registers. It offers exactly
// what an instruction needs: registers, memory through R, and the next pc.
#pragma once

#include "machine/machine.hpp"

#include <bit>
#include <cstring>
#include <optional>

namespace trapvm {

using MaybeTrap = std::optional<Trap>;  // what semantics that can trap return: nothing, or the trap

// Semantics and the Hart's helpers are always inlined into the run loop, so
// that the Hart's fields stay in host registers (a call that took the Hart's
// address would force them into memory on every instruction).
#define PG32_SEMANTICS [[gnu::always_inline]] inline

template <class Obs> struct Hart {
    Machine& m;
    Obs& obs;
    uint32_t* x;      // the general registers, plus the r0 sink at [16]
    uint8_t* mem;     // physical memory
    Insn* decoded;    // pre-decoded instructions, one per memory word
    uint32_t base;    // translation: address a is physical base + a ...
    uint64_t limit;   // ... while a + size <= limit
    uint32_t pc;      // the instruction running now
    uint32_t npc;     // the next pc: pc + 4 unless the instruction jumps
    uint64_t budget;  // instructions this block may retire ...
    uint64_t left;    // ... and how many of them are left

    PG32_SEMANTICS uint32_t reg(int r) const { return x[r]; }

    PG32_SEMANTICS void set(int rd, uint32_t value) {
        if constexpr (Obs::kActive)
            if (rd != Registers::kSink) obs.register_written(rd, x[rd], value);
        x[rd] = value;
    }

    // A load of size 1, 2 or 4 bytes: MISALIGNED, then BOUNDS, as the
    // reference orders them. The value comes back zero-extended.
    PG32_SEMANTICS MaybeTrap load(uint32_t addr, uint32_t size, uint32_t& value) const {
        if (addr & (size - 1)) return Trap{pg32::Cause::Misaligned, addr};
        if (uint64_t{addr} + size > limit) return Trap{pg32::Cause::Bounds, addr};
        value = 0;
        std::memcpy(&value, mem + base + addr, size);
        return {};
    }

    // A store; it also forgets the pre-decoded instruction it overwrites,
    // which keeps self-modifying code correct.
    PG32_SEMANTICS MaybeTrap store(uint32_t addr, uint32_t size, uint32_t value) {
        if (addr & (size - 1)) return Trap{pg32::Cause::Misaligned, addr};
        if (uint64_t{addr} + size > limit) return Trap{pg32::Cause::Bounds, addr};
        uint32_t physical = base + addr;
        if constexpr (Obs::kActive) {
            uint32_t old = 0;
            std::memcpy(&old, mem + physical, size);
            obs.memory_written(addr, physical, static_cast<int>(size), old, value);
        }
        std::memcpy(mem + physical, &value, size);
        decoded[physical >> 2].op = Insn::kUndecoded;
        return {};
    }

    // Jumps and taken branches set the next pc.
    PG32_SEMANTICS void jump(uint32_t target) { npc = target; }

    // ---- for the privileged instructions (semantics/system.hpp), which run
    // only in system mode.
    PrivRegs& priv() { return m.priv_; }
    Devices& devices() { return m.devices_; }
    // Devices see an instruction at the tick it retires.
    uint64_t now() const { return m.ticks_ + (budget - left) + 1; }
    void halt() { m.stop_ = Stop{.reason = StopReason::Halt, .pc = pc}; }
    void wait_for_interrupt() { m.waiting_ = true; }
    // After in/out: power-off, the output limit, a failed write, Ctrl-C.
    void device_stop() {
        if (std::optional<Stop> stop = trapvm::device_stop(m.devices_, pc)) m.stop_ = std::move(*stop);
    }
};

static_assert(std::endian::native == std::endian::little, "memory is little-endian like PG32");

}  // namespace trapvm
