// The Machine: loading, reset, memory access, traps and idling.
// The run loop itself is in run_loop.cpp.
#include "machine/machine.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace trapvm {

Machine::Machine(MachineConfig config) {
    if (config.memory_size % 4 != 0 || config.memory_size == 0 || config.memory_size > kMaxMemorySize)
        throw std::invalid_argument("memory size must be a positive multiple of 4, at most 256 MiB");
    memory_ = ZeroedArray<uint8_t>(config.memory_size);  // all zero, as the reference says
    decoded_ = ZeroedArray<Insn>(config.memory_size / 4);  // all "not decoded yet"
    decoded_pages_ = ZeroedArray<uint8_t>((config.memory_size + kDecodedPage - 1) / kDecodedPage);
}

bool Machine::load(uint32_t address, std::span<const uint8_t> bytes) {
    if (uint64_t{address} + bytes.size() > memory_.size()) return false;
    if (bytes.empty()) return true;
    std::memcpy(memory_.data() + address, bytes.data(), bytes.size());
    uint32_t last = address + static_cast<uint32_t>(bytes.size()) - 1;
    for (uint32_t page = address / kDecodedPage; page <= last / kDecodedPage; ++page) {
        if (!decoded_pages_[page]) continue;  // nothing pre-decoded there
        uint32_t from = std::max(address, page * kDecodedPage);
        uint32_t to = std::min(last, page * kDecodedPage + (kDecodedPage - 1));
        std::fill(decoded_.begin() + from / 4, decoded_.begin() + to / 4 + 1, Insn{});
        if (from == page * kDecodedPage && to == page * kDecodedPage + (kDecodedPage - 1)) decoded_pages_[page] = 0;
    }
    return true;
}

void Machine::reset(uint32_t entry) {
    regs_ = Registers{};
    priv_ = PrivRegs{};
    pc_ = entry;
    steps_ = ticks_ = 0;
    stop_ = Stop{};
    waiting_ = false;
    devices_.timer = Timer{};
    devices_.power = Power{};
    devices_.console.irq_enabled = false;
    devices_.console.input_pos = 0;
    devices_.console.bytes_written = 0;
    devices_.unknown_ports.clear();
}

std::optional<uint32_t> Machine::read_physical(uint32_t address, int size) const {
    if (uint64_t{address} + static_cast<uint32_t>(size) > memory_.size()) return std::nullopt;
    uint32_t value = 0;
    std::memcpy(&value, memory_.data() + address, static_cast<size_t>(size));
    return value;
}

bool Machine::write_physical(uint32_t address, uint32_t value, int size) {
    if (uint64_t{address} + static_cast<uint32_t>(size) > memory_.size()) return false;
    std::memcpy(memory_.data() + address, &value, static_cast<size_t>(size));
    invalidate(address);
    invalidate(address + static_cast<uint32_t>(size) - 1);
    return true;
}

void Machine::set_mode_and_r(uint32_t psw, uint32_t rbase, uint32_t rbound) {
    priv_.write(pg32::Csr::Psw, psw);
    priv_.rbase = rbase;
    priv_.rbound = rbound;
    ++resource_changes_;
}

// Where program address a goes in the current mode: physical a in system
// mode; rbase + a in user mode, allowed while a + size <= rbound and the
// access stays inside memory. The limit folds both user-mode checks into one.
static void translation(const PrivRegs& priv, uint64_t memory_size, uint32_t& base, uint64_t& limit) {
    if (priv.system_mode()) {
        base = 0;
        limit = memory_size;
    } else {
        base = priv.rbase;
        limit = priv.rbase >= memory_size ? 0 : std::min<uint64_t>(priv.rbound, memory_size - priv.rbase);
    }
}

void Machine::update_translation() { translation(priv_, memory_.size(), base_, limit_); }

std::optional<uint32_t> Machine::translate(uint32_t address, uint32_t size) const {
    uint32_t base;
    uint64_t limit;
    translation(priv_, memory_.size(), base, limit);
    if (uint64_t{address} + size > limit) return std::nullopt;
    return base + address;
}

// The trap sequence on the real machine. With no handler installed the
// machine stops instead, leaving the state as it was before the trap.
void Machine::take_trap(const Trap& trap, uint32_t epc_value) {
    if (priv_.tvec == 0) {
        stop_ = Stop{StopReason::UnhandledTrap, 0, trap, epc_value};
        return;
    }
    if (trap_repeats_forever(priv_, pc_, trap, epc_value)) {
        stop_ = Stop{StopReason::Deadlock, 0, trap, epc_value};
        return;
    }
    apply_trap(priv_, pc_, trap, epc_value);
}

// After wfi: idle until an interrupt is pending. The timer keeps counting
// while the CPU idles, so the clock jumps to the timer's next expiry.
void Machine::idle_in_wfi() {
    if (devices_.pending_interrupt(ticks_)) {
        waiting_ = false;
        return;
    }
    if (devices_.timer.next != Timer::kNever) {
        ticks_ = std::max(ticks_, devices_.timer.next);
        return;  // the next check finds the timer pending
    }
    stop_ = Stop{StopReason::Deadlock, 0, {}, pc_ - 4};
}

void Machine::decode_at(uint32_t physical) {
    uint32_t word;
    std::memcpy(&word, memory_.data() + physical, 4);
    Insn& insn = decoded_[physical >> 2];
    decoded_pages_[physical / kDecodedPage] = 1;
    std::optional<pg32::Decoded> d = pg32::decode(word);
    if (!d) {
        insn.op = Insn::kIllegal;
        return;
    }
    insn.op = static_cast<uint8_t>(static_cast<int>(d->op) + 1);
    insn.rd = d->rd == 0 ? Registers::kSink : d->rd;
    insn.rs1 = d->rs1;
    insn.rs2 = d->rs2;
    insn.imm = d->imm;
}

}  // namespace trapvm
