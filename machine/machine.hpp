// The PG32 machine: CPU, memory with relocation-bounds, traps and devices.
//
// Start reading here. A Machine is a value: copy it to take a checkpoint.
//
//   Machine m({.memory_size = 1 << 20});
//   m.load(0, bytes);  m.reset(entry);
//   RunResult r = m.run(1'000'000);        // up to a million instructions
//
// On bare hardware a trap runs the trap sequence and jumps to tvec. A monitor
// instead sets TrapDelivery::ToMonitor: then every trap and interrupt stops
// run() with RunResult::Kind::Exit *before* anything changes, the monitor
// inspects and edits the state, and calls run() again (or, passing an
// ExitHandler, handles the exit before run() returns). Guest code then only
// ever runs in real user mode (run() refuses system mode). On a profile with
// the guest-mode extension (vt) the monitor may run it in guest mode too,
// where every sensitive instruction traps (enter_guest_mode()). A monitor may
// also make chosen unprivileged instructions trap there as privileged ones do
// (trap_in_user_mode(): the patch technique, vmm/patch.hpp).
#pragma once

#include "machine/cpu_state.hpp"
#include "machine/devices.hpp"
#include "machine/observer.hpp"
#include "machine/zeroed_array.hpp"

#include <bitset>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace trapvm {

struct MachineConfig {
    uint32_t memory_size = pg32::kMemorySizeDefault;  // bytes; a multiple of 4
    // The ISA profile (profiles.tbl) the machine decodes; null: the process's
    // active profile when the machine is built. It picks the decoder's
    // tables once, here: the run loop never looks at it.
    const pg32::ProfileInfo* profile = nullptr;
};

inline constexpr uint32_t kMaxMemorySize = pg32::kMemorySizeMax;

// Why a machine stopped for good.
enum class StopReason : uint8_t {
    Running,        // not stopped
    Halt,           // the halt instruction
    PowerOff,       // out POWER_OFF; status holds the value
    UnhandledTrap,  // a trap while tvec = 0; trap and pc say which
    Deadlock,       // wfi with no interrupt that could ever arrive, or a trap loop
    OutputLimit,    // an `out` found the console's output budget spent
    OutputFailed,   // an `out` found the console's sink failing (a full disk, a closed pipe)
    Interrupted,    // Ctrl-C while the machine waited for console input
    InternalError,  // trapvm itself could not go on (a monitor bug); message says why
};

struct Stop {
    StopReason reason = StopReason::Running;
    uint32_t status = 0;  // PowerOff
    Trap trap;            // UnhandledTrap, and Deadlock by a trap loop
    uint32_t pc = 0;      // where it happened
    std::string message;  // InternalError
};

// The stop a device asks for after an `in` or `out` at pc (the
// instruction retires, as halt does), or nothing.
std::optional<Stop> device_stop(const Devices& devices, uint32_t pc);

// The stop a trap that went nowhere makes (take_trap() said NoHandler or
// Loop), at the trap's epc; nothing for a handled trap.
std::optional<Stop> trap_stop(TrapFate fate, const Trap& trap, uint32_t epc_value);

// How a trap is delivered: by the hardware trap sequence, or to a monitor.
enum class TrapDelivery : uint8_t { Hardware, ToMonitor };

// What one call of run() did.
struct RunResult {
    enum class Kind : uint8_t {
        Budget,   // ran the number of instructions asked for
        Stopped,  // the machine stopped (see Machine::stop())
        Exit,     // TrapDelivery::ToMonitor: `trap` must be handled by the monitor
        Break,    // the observer asked to stop (a breakpoint)
        Handled,  // the ExitHandler handled the last exit and asked run() to return
    };
    Kind kind = Kind::Budget;
    Trap trap;           // Exit: the trap or interrupt
    uint64_t steps = 0;  // instructions retired in this call
};

// A monitor's first say over an exit, before run() returns it (the
// run(max_steps, exits) form). A monitor that can handle an exit at once and
// let the guest go on saves the return from run() and the entry again,
// which are most of what an exit costs (bench/README.md). The machine's state
// is what run() would return with: pc at the trapping instruction, nothing
// changed. Only traps of guest instructions are offered, never interrupts;
// and the end of the budget, where run() would return Kind::Budget.
class ExitHandler {
public:
    struct Verdict {
        enum class Kind : uint8_t {
            Return,   // not handled here: run() returns Kind::Exit with it, as without a handler
            Resume,   // handled: run on, at most `budget` more instructions
            Handled,  // handled: run() returns Kind::Handled
        };
        Kind kind = Kind::Return;
        uint64_t budget = 0;
    };
    // steps: the instructions this run() has retired so far.
    virtual Verdict exited(const Trap& exit, uint64_t steps) = 0;
    virtual Verdict spent(uint64_t steps) = 0;  // the budget: all of max_steps retired

protected:
    ~ExitHandler() = default;
};

// One pre-decoded instruction. op is pg32::Op + 1; 0 means "not decoded yet"
// (so zeroed memory needs no work), kIllegal "decodes to nothing",
// kFetchFault marks the first word a fetch may not reach (the run loop's
// sentinel: falling onto it is the BOUNDS trap, with no bounds check on the
// way), and kUserTrap an instruction a monitor asked to trap
// (Machine::trap_in_user_mode). An instruction in the last word of every
// kStretch words has kCheck added: the run loop's fast mode counts retired
// instructions only at such check points and at control transfers (see
// run_loop.cpp).
inline constexpr uint32_t kStretch = 64;

struct Insn {
    static constexpr uint8_t kUndecoded = 0;
    static constexpr uint8_t kIllegal = pg32::kOpCount + 1;
    static constexpr uint8_t kFetchFault = pg32::kOpCount + 2;
    static constexpr uint8_t kUserTrap = pg32::kOpCount + 3;
    static constexpr uint8_t kCheck = pg32::kOpCount + 4;  // added to op (check points)
    uint8_t op = kUndecoded;
    // The instruction this is (op must be one: not undecoded, illegal or the sentinel).
    pg32::Op instruction() const { return static_cast<pg32::Op>((op > kCheck ? op - kCheck : op) - 1); }
    uint8_t rd = 0;  // Registers::kSink when the instruction writes r0
    uint8_t rs1 = 0;
    uint8_t rs2 = 0;
    int32_t imm = 0;
};
static_assert(Insn::kUndecoded == 0, "zeroed memory must read as 'not decoded yet' (ZeroedArray)");

// A set of instructions, by pg32::Op.
using OpSet = std::bitset<pg32::kOpCount>;

// A decoded instruction as the semantics (and the monitor's interpreter
// routines) take it.
Insn predecoded(const pg32::Decoded& d);

template <class Obs> struct Hart;  // machine/hart.hpp: what instruction semantics see

class Machine {
public:
    explicit Machine(MachineConfig config = {});

    // ---- loading
    // Copies bytes to physical memory; false if they do not fit.
    bool load(uint32_t address, std::span<const uint8_t> bytes);
    // Reset state (pg32-reference.md §5) with pc = entry, a multiple of 4
    // (else std::invalid_argument: images and the assembler refuse others).
    // Memory is kept.
    void reset(uint32_t entry);

    // ---- running
    RunResult run(uint64_t max_steps);
    RunResult run(uint64_t max_steps, Observer& observer);  // tracing, breakpoints
    RunResult run(uint64_t max_steps, ExitHandler& exits);  // a monitor, nobody watching (ExitHandler)

    const pg32::ProfileInfo& profile() const { return *profile_; }

    // ---- state
    Registers& regs() { return regs_; }
    const Registers& regs() const { return regs_; }
    uint32_t pc() const { return pc_; }
    void set_pc(uint32_t pc) { pc_ = pc; }
    const PrivRegs& priv() const { return priv_; }
    // Changing psw or R takes effect at the next run().
    PrivRegs& priv() { return priv_; }
    Devices& devices() { return devices_; }
    const Devices& devices() const { return devices_; }
    uint64_t steps() const { return steps_; }  // instructions retired
    uint64_t ticks() const { return ticks_; }  // steps plus idle ticks in wfi
    const Stop& stop() const { return stop_; }
    bool stopped() const { return stop_.reason != StopReason::Running; }
    bool waiting() const { return waiting_; }  // after wfi, until an interrupt is pending
    // Ports written or read that no device owns, in order of first use.
    const std::vector<uint32_t>& unknown_ports() const { return devices_.unknown_ports; }

    // ---- physical memory, for loaders, debuggers and monitors
    uint32_t memory_size() const { return static_cast<uint32_t>(memory_.size()); }
    std::span<const uint8_t> memory() const { return memory_; }
    // size 1, 2 or 4; nothing / false when outside memory. Writes keep the
    // pre-decoded instructions coherent.
    std::optional<uint32_t> read_physical(uint32_t address, int size) const;
    bool write_physical(uint32_t address, uint32_t value, int size);
    // The instruction in the word at physical (a multiple of 4 inside
    // memory), decoded as the CPU runs it (from the pre-decoded cache when
    // it is there); nothing when the word decodes to nothing.
    std::optional<Insn> instruction_at(uint32_t physical) {
        if (physical % 4 == 0 && uint64_t{physical} + 4 <= memory_.size()) {
            Insn at = decoded_[physical >> 2];  // the common case: decoded, as the CPU just ran it
            if (at.op != Insn::kUndecoded && at.op != Insn::kIllegal && at.op != Insn::kUserTrap) {
                at.op =
                    static_cast<uint8_t>(static_cast<int>(at.instruction()) + 1);  // without kCheck, like predecoded()
                return at;
            }
        }
        return decode_instruction_at(physical);
    }
    // The same without decoding or copying: the pre-decoded instruction the
    // CPU runs at physical (op may have kCheck added), or null when there is
    // none there now (then ask instruction_at()). For a monitor's look at the
    // instruction of an exit, which the CPU has just decoded.
    const Insn* predecoded_at(uint32_t physical) const {
        if (physical % 4 != 0 || uint64_t{physical} + 4 > memory_.size()) return nullptr;
        const Insn& at = decoded_[physical >> 2];
        bool decoded = at.op != Insn::kUndecoded && at.op != Insn::kIllegal && at.op != Insn::kUserTrap &&
                       at.op != Insn::kFetchFault;
        return decoded ? &at : nullptr;
    }

    // ---- for a monitor
    // (Hardware with instructions trapping in user mode: std::logic_error.)
    void set_trap_delivery(TrapDelivery d);
    TrapDelivery trap_delivery() const { return delivery_; }
    // Makes the instructions of `ops` trap in user mode as privileged ones
    // do (PRIVILEGED, the word as badaddr, nothing changed), wherever they
    // are fetched, from now on. Only their pre-decoded form changes: memory
    // keeps their words, so a load reads them as they are, and a store to
    // one makes its next fetch decode it afresh, and trap again if it still
    // is one of ops. instruction_at() gives the instruction itself. Only
    // under TrapDelivery::ToMonitor (else std::logic_error), which runs
    // guest code in user mode only; an empty set costs nothing.
    void trap_in_user_mode(const OpSet& ops);
    const OpSet& user_traps() const { return user_traps_; }
    // Counts every change of the real mode or R made from outside run(),
    // so a test can check that only the monitor's allocator makes them.
    void set_mode_and_r(uint32_t psw, uint32_t rbase, uint32_t rbound);
    uint64_t resource_changes() const { return resource_changes_; }
    // Guest mode, the VT-x-like extension (pg32-reference.md, "Guest mode"):
    // the next run() runs in it, and there every sensitive instruction traps
    // (PRIVILEGED, badaddr = the word) although it is not privileged. Only a
    // monitor enters it, on a profile with the extension (else
    // std::logic_error); run() leaves it when it returns, on every exit.
    void enter_guest_mode();
    bool guest_mode() const { return guest_mode_; }

    // For oracles (hardening/): the next fetch of the word at physical
    // decodes it afresh, as a machine without pre-decoding would.
    void forget_decoded(uint32_t physical) {
        if (physical < memory_size()) invalidate(physical);
    }

    // The physical address an access of `size` bytes at program address
    // `address` would reach in the current mode and R, or nothing (BOUNDS).
    std::optional<uint32_t> translate(uint32_t address, uint32_t size) const;

    // ---- for a debugger, whose checkpoints keep memory themselves, by pages
    // The memory and the pre-decoded instructions, moved out of a machine
    // and back in. In between the machine has no memory (it must not run):
    // what is left, a few hundred bytes, can be copied cheaply. Memory is
    // then restored with load(), which keeps pre-decoded instructions right.
    struct Storage {
        ZeroedArray<uint8_t> memory;
        ZeroedArray<Insn> decoded;
        ZeroedArray<uint8_t> decoded_pages;
    };
    Storage take_storage() { return {std::move(memory_), std::move(decoded_), std::move(decoded_pages_)}; }
    void put_storage(Storage storage) {
        memory_ = std::move(storage.memory);
        decoded_ = std::move(storage.decoded);
        decoded_pages_ = std::move(storage.decoded_pages);
    }

private:
    template <class Obs> friend struct Hart;
    template <class Obs> RunResult run_loop(uint64_t max_steps, Obs& obs, ExitHandler* exits = nullptr);
    template <class Obs> struct BlockResult run_block(uint64_t budget, Obs& obs);
    template <class Obs> struct BlockResult run_system_instruction(Obs& obs);
    template <class Obs> Hart<Obs> hart(uint64_t budget, Obs& obs);
    void retire(uint64_t retired, RunResult& result);

    template <class Obs> bool check_interrupts(Obs& obs, RunResult& result);
    template <class Obs> bool deliver(const Trap& trap, uint32_t epc_value, Obs& obs, RunResult& result);
    static bool resumes(ExitHandler::Verdict verdict, RunResult& result, uint64_t& max_steps);
    void update_translation();
    void take_trap(const Trap& trap, uint32_t epc_value);
    void idle_in_wfi();
    void invalidate(uint32_t physical) { decoded_[physical >> 2].op = Insn::kUndecoded; }
    void decode_at(uint32_t physical);
    uint32_t word_at(uint32_t physical) const {
        uint32_t word;
        std::memcpy(&word, memory_.data() + physical, 4);
        return word;
    }
    void decode_run(uint32_t physical);
    std::optional<Insn> decode_instruction_at(uint32_t physical);

    const pg32::ProfileInfo* profile_;
    Registers regs_;
    uint32_t pc_ = 0;
    PrivRegs priv_;
    ZeroedArray<uint8_t> memory_;
    ZeroedArray<Insn> decoded_;  // one per memory word, and one past the end: a kFetchFault sentinel
    // One per kDecodedPage bytes of memory: 1 once an instruction there was
    // pre-decoded. load() clears pre-decoded instructions only in such
    // pages, so writing data (a debugger restoring pages) leaves the rest
    // of decoded_ untouched: no writes, no page faults.
    static constexpr uint32_t kDecodedPage = 4096;
    ZeroedArray<uint8_t> decoded_pages_;
    Devices devices_;
    Stop stop_;
    TrapDelivery delivery_ = TrapDelivery::Hardware;
    OpSet user_traps_;  // trap_in_user_mode(): applied as each word is decoded
    uint64_t steps_ = 0;
    uint64_t ticks_ = 0;
    bool waiting_ = false;  // executed wfi, no interrupt pending yet
    uint64_t resource_changes_ = 0;
    bool guest_mode_ = false;  // enter_guest_mode() until run() returns

    // Translation of the current mode and R, recomputed whenever they change:
    // program address a maps to base_ + a, valid while a + size <= limit_.
    uint32_t base_ = 0;
    uint64_t limit_ = 0;
};

}  // namespace trapvm
