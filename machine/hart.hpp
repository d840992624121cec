// The execution context instruction semantics see (machine/semantics/*.hpp).
//
// A Hart lives in local variables of the run loop, so the compiler keeps the
// current instruction, the memory pointers and the translation in host
// registers. It offers exactly what an instruction needs: registers, memory
// through R, its pc and the next one.
//
// The run loop walks the pre-decoded instructions with a pointer, not a pc:
// the instruction at program address a is first[a / 4], and a fetch is
// allowed while the pointer is below `end` (first + limit / 4: a + 4 <=
// limit exactly, for word-aligned a). The pc is worked out only where an
// instruction needs it (a branch, a trap, the tracer).
#pragma once

#include "machine/machine.hpp"

#include <bit>
#include <cstring>
#include <optional>

namespace trapvm {

// What semantics that can trap return: no trap (`return {};`), or the trap
// (`return Trap{...};`). Cause 0 is no cause's code (isa-gen keeps it so),
// so a plain Trap holds both; unlike std::optional<Trap>, the compiler keeps
// it in registers in the run loop.
struct MaybeTrap {
    Trap trap{};
    MaybeTrap() = default;
    MaybeTrap(Trap t) : trap(t) {}  // NOLINT(google-explicit-constructor): `return Trap{...};`
    explicit operator bool() const { return trap.cause != pg32::Cause{}; }
    const Trap& operator*() const { return trap; }
};

// Semantics and the Hart's helpers are always inlined into the run loop, so
// that the Hart's fields stay in host registers (a call that took the Hart's
// address would force them into memory on every instruction).
#define PG32_SEMANTICS [[gnu::always_inline]] inline

template <class Obs> struct Hart {
    Machine& m;
    Obs& obs;
    uint32_t* x;              // the general registers, plus the r0 sink at [16]
    uint32_t base;            // translation: address a is physical base + a ...
    uint64_t limit;           // ... while a + size <= limit
    uint32_t last_byte;       // the last address an aligned byte, halfword or word may
    uint32_t last_half;       // start at inside R (limit >= 4 in a block: these fit in
    uint32_t last_word;       // 32 bits); one comparison in load() and store()
    uint8_t* window;          // mem + base: the bytes at program address 0
    Insn* first;              // the pre-decoded instruction at program address 0 (physical base)
    Insn* end;                // first + limit / 4: the first one a fetch may not reach
    Insn* insn;               // the instruction running now
    Insn* next;               // the next one: insn + 1 unless the instruction jumps
    uint32_t target = 0;      // the last jump's target address ...
    bool jumped_out = false;  // ... when it lies outside R: next is end, and the fetch faults there
    uint64_t budget;          // instructions this block may retire ...
    uint64_t left;            // ... and how many of them are left

    // The program address of the instruction running now.
    PG32_SEMANTICS uint32_t pc() const { return static_cast<uint32_t>(insn - first) * 4; }
    // The address the next fetch is at (a jump's target outside R too).
    PG32_SEMANTICS uint32_t fetch_pc() const { return jumped_out ? target : pc(); }
    PG32_SEMANTICS uint32_t physical(const Insn* at) const { return base + static_cast<uint32_t>(at - first) * 4; }
    // The instruction word at `at` (which must lie inside R).
    PG32_SEMANTICS uint32_t word_at(const Insn* at) const {
        uint32_t word;
        std::memcpy(&word, window + (at - first) * 4, 4);
        return word;
    }

    PG32_SEMANTICS uint32_t reg(int r) const { return x[r]; }

    PG32_SEMANTICS void set(int rd, uint32_t value) {
        if constexpr (Obs::kActive)
            if (rd != Registers::kSink) obs.register_written(rd, x[rd], value);
        x[rd] = value;
    }

    // Whether an access of size 1, 2 or 4 bytes at a size-aligned address
    // lies inside R: addr + size <= limit.
    PG32_SEMANTICS bool fits(uint32_t addr, uint32_t size) const {
        return addr <= (size == 4 ? last_word : size == 2 ? last_half : last_byte);
    }

    // A load of size 1, 2 or 4 bytes: MISALIGNED, then BOUNDS, as the
    // reference orders them. The value comes back zero-extended.
    PG32_SEMANTICS MaybeTrap load(uint32_t addr, uint32_t size, uint32_t& value) const {
        if (addr & (size - 1)) [[unlikely]]
            return Trap{pg32::Cause::Misaligned, addr};
        if (!fits(addr, size)) [[unlikely]]
            return Trap{pg32::Cause::Bounds, addr};
        value = 0;
        std::memcpy(&value, window + addr, size);
        return {};
    }

    // A store; it also forgets the pre-decoded instruction it overwrites,
    // which keeps self-modifying code correct.
    PG32_SEMANTICS MaybeTrap store(uint32_t addr, uint32_t size, uint32_t value) {
        if (addr & (size - 1)) [[unlikely]]
            return Trap{pg32::Cause::Misaligned, addr};
        if (!fits(addr, size)) [[unlikely]]
            return Trap{pg32::Cause::Bounds, addr};
        if constexpr (Obs::kActive) {  // before the store: the debugger saves the page it changes
            uint32_t old = 0;
            std::memcpy(&old, window + addr, size);
            obs.memory_written(addr, base + addr, static_cast<int>(size), old, value);
        }
        std::memcpy(window + addr, &value, size);
        // base is word-aligned: addr / 4 is the word's index from first.
        // (An Insn per word: addr / 4 Insns on is addr * 2 bytes on for a word.)
        auto* forgotten = size == 4 ? reinterpret_cast<Insn*>(reinterpret_cast<uint8_t*>(first) + uint64_t{addr} * 2)
                                    : first + addr / 4;
        forgotten->op = Insn::kUndecoded;
        return {};
    }

    // Branches and jal: jump(pc() + offset), without working the pc out when
    // the target lies inside R (an Insn is two words: offsets scale by 2).
    PG32_SEMANTICS void jump_by(int32_t offset) {
        auto at = reinterpret_cast<uintptr_t>(insn) + static_cast<uintptr_t>(static_cast<intptr_t>(offset) * 2);
        if (at - reinterpret_cast<uintptr_t>(first) <
            reinterpret_cast<uintptr_t>(end) - reinterpret_cast<uintptr_t>(first))
            next = reinterpret_cast<Insn*>(at);
        else jump(pc() + static_cast<uint32_t>(offset));
    }

    // Jumps and taken branches set the next instruction. A target outside R
    // is kept as an address: the fetch there traps with BOUNDS, and a
    // privileged instruction (which ends the block) leaves it as the pc.
    PG32_SEMANTICS void jump(uint32_t to) {
        target = to;
        if (uint64_t{to} + 4 <= limit) {
            next = first + to / 4;
        } else {
            next = end;
            jumped_out = true;
        }
    }

    // ---- for the privileged instructions (semantics/system.hpp), which run
    // only in system mode.
    PrivRegs& priv() { return m.priv_; }
    Devices& devices() { return m.devices_; }
    // Devices see an instruction at the tick it retires.
    uint64_t now() const { return m.ticks_ + (budget - left) + 1; }
    void halt() { m.stop_ = Stop{.reason = StopReason::Halt, .pc = pc()}; }
    void wait_for_interrupt() { m.waiting_ = true; }
    // After in/out: power-off, the output limit, a failed write, Ctrl-C.
    void device_stop() {
        if (std::optional<Stop> stop = trapvm::device_stop(m.devices_, pc())) m.stop_ = std::move(*stop);
    }
};

static_assert(std::endian::native == std::endian::little, "memory is little-endian like PG32");
static_assert(sizeof(Insn) == 2 * 4, "jump_by() scales a byte offset in words by 2: an Insn per 4-byte word");

}  // namespace trapvm
