// The Machine: loading, reset, memory access, traps and idling.
// The run loop itself is in run_loop.cpp.
#include "machine/machine.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace trapvm {

Machine::Machine(MachineConfig config) : profile_(config.profile ? config.profile : &pg32::active_profile()) {
    if (config.memory_size % 4 != 0 || config.memory_size == 0 || config.memory_size > kMaxMemorySize)
        throw std::invalid_argument("memory size must be a positive multiple of 4, at most 256 MiB");
    memory_ = ZeroedArray<uint8_t>(config.memory_size);        // all zero, as the reference says
    decoded_ = ZeroedArray<Insn>(config.memory_size / 4 + 1);  // all "not decoded yet" ...
    decoded_[config.memory_size / 4].op = Insn::kFetchFault;   // ... but the word past the end of memory
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
    if (entry % 4 != 0) throw std::invalid_argument("the entry point must be a multiple of 4");  // as the pc always is
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

std::optional<Stop> device_stop(const Devices& devices, uint32_t pc) {
    switch (devices.stop_request()) {
    case DeviceStop::None: return std::nullopt;
    case DeviceStop::PowerOff: return Stop{.reason = StopReason::PowerOff, .status = devices.power.status, .pc = pc};
    case DeviceStop::OutputLimit: return Stop{.reason = StopReason::OutputLimit, .pc = pc};
    case DeviceStop::OutputFailed: return Stop{.reason = StopReason::OutputFailed, .pc = pc};
    case DeviceStop::Interrupted: return Stop{.reason = StopReason::Interrupted, .pc = pc};
    }
    return std::nullopt;
}

void Machine::set_trap_delivery(TrapDelivery d) {
    if (d == TrapDelivery::Hardware && user_traps_.any())
        throw std::logic_error("instructions trap in user mode only for a monitor (TrapDelivery::ToMonitor)");
    delivery_ = d;
}

// Every word decodes afresh at its next fetch, with the new set; a page
// where nothing was pre-decoded has nothing to forget.
void Machine::trap_in_user_mode(const OpSet& ops) {
    if (delivery_ != TrapDelivery::ToMonitor)
        throw std::logic_error("trap_in_user_mode: only for a monitor (TrapDelivery::ToMonitor)");
    user_traps_ = ops;
    for (uint32_t page = 0; page < decoded_pages_.size(); ++page) {
        if (!decoded_pages_[page]) continue;
        uint32_t from = page * kDecodedPage / 4;
        uint32_t to = std::min(memory_size(), (page + 1) * kDecodedPage) / 4;
        std::fill(decoded_.begin() + from, decoded_.begin() + to, Insn{});
        decoded_pages_[page] = 0;
    }
}

void Machine::set_mode_and_r(uint32_t psw, uint32_t rbase, uint32_t rbound) {
    priv_.write(pg32::Csr::Psw, psw);
    priv_.write(pg32::Csr::Rbase, rbase);
    priv_.write(pg32::Csr::Rbound, rbound);
    ++resource_changes_;
}

// Where program address a goes in the current mode: physical a in system
// mode; rbase + a in user mode, allowed while a + size <= rbound and the
// access stays inside memory. The limit folds both user-mode checks into one.
// rbase is word-aligned (csrw keeps bits 1:0 at 0); the mask holds that even
// for state set from outside, so every fetch is a whole word of memory and
// its pre-decoded entry is that word's (a slot per physical word).
static void translation(const PrivRegs& priv, uint64_t memory_size, uint32_t& base, uint64_t& limit) {
    if (priv.system_mode()) {
        base = 0;
        limit = memory_size;
    } else {
        base = priv.rbase & ~3u;
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

std::optional<Stop> trap_stop(TrapFate fate, const Trap& trap, uint32_t epc_value) {
    switch (fate) {
    case TrapFate::Handled: return std::nullopt;
    case TrapFate::NoHandler: return Stop{.reason = StopReason::UnhandledTrap, .trap = trap, .pc = epc_value};
    case TrapFate::Loop: return Stop{.reason = StopReason::Deadlock, .trap = trap, .pc = epc_value};
    }
    return std::nullopt;
}

// The trap sequence on the real machine (or the stop a trap that goes
// nowhere makes: the state stays as it was before the trap).
void Machine::take_trap(const Trap& trap, uint32_t epc_value) {
    if (std::optional<Stop> stop = trap_stop(trapvm::take_trap(priv_, pc_, trap, epc_value), trap, epc_value))
        stop_ = std::move(*stop);
}

// After wfi: idle until an interrupt is pending. The timer keeps counting
// while the CPU idles, so the clock jumps to the timer's next expiry.
void Machine::idle_in_wfi() {
    if (devices_.pending_interrupt(ticks_)) {
        waiting_ = false;
        return;
    }
    if (devices_.console.input->interrupted()) {  // Ctrl-C while waiting for input
        stop_ = Stop{.reason = StopReason::Interrupted, .pc = pc_ - 4};
        return;
    }
    if (devices_.timer.next != Timer::kNever) {
        ticks_ = std::max(ticks_, devices_.timer.next);
        return;  // the next check finds the timer pending
    }
    stop_ = Stop{.reason = StopReason::Deadlock, .pc = pc_ - 4};
}

Insn predecoded(const pg32::Decoded& d) {
    return Insn{.op = static_cast<uint8_t>(static_cast<int>(d.op) + 1),
                .rd = d.rd == 0 ? uint8_t{Registers::kSink} : d.rd,  // writes to r0 land in the sink
                .rs1 = d.rs1,
                .rs2 = d.rs2,
                .imm = d.imm};
}

// The words from physical on that are not decoded yet, up to kStretch of
// them: a program's code is decoded a stretch at a time, outside the block.
void Machine::decode_run(uint32_t physical) {
    for (uint32_t n = 0; n < kStretch && physical < memory_.size(); ++n, physical += 4) {
        if (decoded_[physical >> 2].op != Insn::kUndecoded && n > 0) break;
        decode_at(physical);
    }
}

// instruction_at()'s other cases: not decoded yet, illegal, trapping in
// user mode (the instruction itself, from memory), or not a word of memory.
std::optional<Insn> Machine::decode_instruction_at(uint32_t physical) {
    if (physical % 4 != 0 || uint64_t{physical} + 4 > memory_.size())
        throw std::invalid_argument("instruction_at: not a word of memory");
    Insn& at = decoded_[physical >> 2];
    if (at.op == Insn::kUndecoded) decode_at(physical);
    if (at.op == Insn::kIllegal) return std::nullopt;
    if (at.op == Insn::kUserTrap) {  // the word decoded before, and no store has touched it since
        std::optional<pg32::Decoded> d = pg32::decode(word_at(physical), *profile_);
        return d ? std::optional<Insn>(predecoded(*d)) : std::nullopt;
    }
    Insn insn = at;
    insn.op =
        static_cast<uint8_t>(static_cast<int>(insn.instruction()) + 1);  // without kCheck: as predecoded() gives it
    return insn;
}

// The word's pre-decoded form; one a monitor asked to trap in user mode
// keeps only that (kUserTrap: no check point, it always ends the block).
void Machine::decode_at(uint32_t physical) {
    decoded_pages_[physical / kDecodedPage] = 1;
    std::optional<pg32::Decoded> d = pg32::decode(word_at(physical), *profile_);
    if (d && user_traps_.test(static_cast<size_t>(d->op))) {
        decoded_[physical >> 2] = Insn{.op = Insn::kUserTrap};
        return;
    }
    decoded_[physical >> 2] = d ? predecoded(*d) : Insn{.op = Insn::kIllegal};
    if (d && (physical / 4) % kStretch == kStretch - 1) decoded_[physical >> 2].op += Insn::kCheck;
}

}  // namespace trapvm
