// The CPU's run loop: the hot path of trapvm.
//
// Two levels. run_block() executes straight-line instructions as fast as it
// can: pre-decoded instructions, threaded dispatch (each instruction jumps
// straight to the next one's code), and a budget that ends the block exactly
// where something must be looked at: a trap, a privileged instruction (which
// may change the mode, R or a device), or the tick at which the timer fires.
// run_loop() around it does everything that happens *between* instructions:
// interrupts, traps, wfi, stopping. Nothing in the block tests for
// interrupts or reads a clock, and with NoObserver the tracing hooks compile
// to nothing.
//
// A map of run_block(), whose parts are labels jumped to, not functions:
//
//   DISPATCH()      fetch: budget left? then jump to the code of the
//                   pre-decoded instruction (kCode[insn->op]). No bounds check:
//                   the word just past R (or memory) is marked kFetchFault for
//                   the block (FetchSentinel), so running off the end lands on
//                   fetch_fault, and jumps outside R are checked by jump()
//   exec_<Name>:    one label per instruction (PG32_EXEC, expanded from the
//                   table): privilege check, run_semantics(), retire, DISPATCH
//   undecoded:      first fetch of a word since it was written: bounds, decode
//   illegal:        a word that decodes to nothing: ILLEGAL
//   fetch_fault:    pc outside R or memory: BOUNDS (the sentinel's label)
//   finish:         save the pc, return what retired; `end` says why
#include "machine/machine.hpp"
#include "machine/semantics/alu.hpp"
#include "machine/semantics/control.hpp"
#include "machine/semantics/memory.hpp"
#include "machine/semantics/system.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

namespace trapvm {

using pg32::Cause;

// How a block ended.
struct BlockEnd {
    enum Kind : uint8_t {
        Budget,      // retired all it was allowed to
        Trapped,     // `trap` happened at pc (nothing retired for it)
        Privileged,  // a privileged instruction retired: re-check everything
        Break,       // the observer asked to stop before pc
    };
    Kind kind = Budget;
    Trap trap;
};

// An instruction's semantics inside the block. Those that cannot trap
// return nothing; those that can, the trap or nothing, and a trap ends the
// block. Which is which must agree with the traps column of
// instructions.tbl, so the table cannot promise what the code does not do.
template <pg32::Op op, class H, class Semantics>
[[gnu::always_inline]] inline bool run_semantics(H& h, Insn insn, Semantics semantics, BlockEnd& end) {
    constexpr bool kMayTrap = pg32::kInsns[static_cast<int>(op)].traps != 0;
    if constexpr (std::is_void_v<decltype(semantics(h, insn))>) {
        static_assert(!kMayTrap,
                      "instructions.tbl says this instruction may trap: its semantics must return MaybeTrap");
        semantics(h, insn);
        return true;
    } else {
        static_assert(kMayTrap, "instructions.tbl says this instruction never traps: its semantics must return void");
        if (MaybeTrap trap = semantics(h, insn)) {
            end = {BlockEnd::Trapped, *trap};
            return false;
        }
        return true;
    }
}

// For one block, the first word a fetch may not reach reads as kFetchFault.
// It lies outside R (or past memory, where a permanent sentinel is), so the
// block cannot run it; a store can reach it only when rbound is not a
// multiple of 4, and then it reads as undecoded, whose path checks bounds.
// The word's own pre-decoded entry comes back when the block ends.
class FetchSentinel {
public:
    explicit FetchSentinel(Insn* at) : at_(at), saved_(*at) { at_->op = Insn::kFetchFault; }
    ~FetchSentinel() {
        if (at_->op == Insn::kFetchFault) *at_ = saved_;  // (else a store forgot it: undecoded is right)
    }
    FetchSentinel(const FetchSentinel&) = delete;
    FetchSentinel& operator=(const FetchSentinel&) = delete;

private:
    Insn* at_;
    Insn saved_;
};

// Threaded dispatch uses GCC's "labels as values" extension; -Wpedantic
// would warn about each use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"

template <class Obs> uint64_t Machine::run_block(uint64_t budget, Obs& obs, BlockEnd& end) {
    if (budget == 0) return 0;
    if constexpr (Obs::kActive)
        if (obs.before(pc_)) return end.kind = BlockEnd::Break, 0;
    if (uint64_t{pc_} + 4 > limit_) return end = {BlockEnd::Trapped, Trap{Cause::Bounds, pc_}}, 0;
    // pc_ + 4 <= limit_ <= memory size - base_: every pointer below lies in
    // (or just past) the pre-decoded array.
    Insn* first = decoded_.data() + base_ / 4;
    Hart<Obs> h{.m = *this,
                .obs = obs,
                .x = regs_.x,
                .base = base_,
                .limit = limit_,
                .window = memory_.data() + base_,
                .first = first,
                .end = first + limit_ / 4,
                .insn = first + pc_ / 4,
                .next = nullptr,
                .budget = budget,
                .left = budget};
    const bool system = priv_.system_mode();
    FetchSentinel sentinel(h.end);
    uint32_t word = 0;  // the instruction word; read only where it is needed

#define PG32_LABEL(Name, mnemonic, opcode, format) &&exec_##Name,
    static const void* const kCode[] = {&&undecoded, PG32_INSTRUCTIONS(PG32_LABEL) && illegal, &&fetch_fault};
#undef PG32_LABEL
    static_assert(sizeof kCode / sizeof kCode[0] == Insn::kFetchFault + 1);

    // Fetch: budget left? the observer? Then jump to the code of the
    // pre-decoded instruction (the sentinel's is fetch_fault). The observer
    // wants the word too, which needs a bounds check first.
#define DISPATCH()                                                \
    do {                                                          \
        if (h.left == 0) goto finish;                             \
        if constexpr (Obs::kActive) {                             \
            if (obs.before(h.fetch_pc())) goto stop_for_observer; \
            if (h.insn >= h.end) goto fetch_fault;                \
            word = h.word_at(h.insn);                             \
        }                                                         \
        goto* kCode[h.insn->op];                                  \
    } while (0)

    // One instruction: the privilege check, its semantics, then retire it.
    // Only the instructions the table says may jump (effects jump, branch)
    // get a next pointer to set; the others go on to insn + 1.
#define PG32_EXEC(Name, mnemonic, opcode, format)                                        \
    exec_##Name : {                                                                      \
        constexpr pg32::InsnInfo kInfo = pg32::kInsns[static_cast<int>(pg32::Op::Name)]; \
        constexpr bool kPrivileged = kInfo.privileged;                                   \
        constexpr bool kMayJump = kInfo.effects & (pg32::kJump | pg32::kBranch);         \
        if constexpr (kPrivileged) {                                                     \
            if (!system) {                                                               \
                word = h.word_at(h.insn);                                                \
                end = {BlockEnd::Trapped, Trap{Cause::Privileged, word}};                \
                goto finish;                                                             \
            }                                                                            \
        }                                                                                \
        if constexpr (kMayJump) h.next = h.insn + 1;                                     \
        auto semantics = [](auto& hart, Insn i) { return sem::exec_##Name(hart, i); };   \
        if (!run_semantics<pg32::Op::Name>(h, *h.insn, semantics, end)) goto finish;     \
        --h.left;                                                                        \
        if constexpr (Obs::kActive) obs.retired(h.pc(), word);                           \
        if constexpr (kMayJump) h.insn = h.next;                                         \
        else ++h.insn;                                                                   \
        if constexpr (kPrivileged) {                                                     \
            end.kind = BlockEnd::Privileged;                                             \
            goto finish;                                                                 \
        }                                                                                \
        DISPATCH();                                                                      \
    }

    if constexpr (Obs::kActive) word = h.word_at(h.insn);
    goto* kCode[h.insn->op];
    PG32_INSTRUCTIONS(PG32_EXEC)

undecoded:
    if (h.insn >= h.end) goto fetch_fault;  // the sentinel, forgotten by a store
    decode_at(h.physical(h.insn));
    goto* kCode[h.insn->op];

illegal:
    word = h.word_at(h.insn);
    end = {BlockEnd::Trapped, Trap{Cause::Illegal, word}};
    goto finish;

fetch_fault:
    end = {BlockEnd::Trapped, Trap{Cause::Bounds, h.fetch_pc()}};
    goto finish;

    [[maybe_unused]] stop_for_observer : end.kind = BlockEnd::Break;

finish:
    pc_ = h.fetch_pc();
    return budget - h.left;
#undef DISPATCH
#undef PG32_EXEC
}

#pragma GCC diagnostic pop

template <class Obs> RunResult Machine::run_loop(uint64_t max_steps, Obs& obs) {
    if (delivery_ == TrapDelivery::ToMonitor && priv_.system_mode())
        throw std::logic_error("a monitor must not run guest code in real system mode");
    RunResult result;
    while (!stopped()) {
        if (check_interrupts(obs, result)) return result;
        if (stopped()) break;  // an interrupt with no handler (tvec = 0) stopped the machine
        if (waiting_) {
            idle_in_wfi();
            continue;
        }
        if (result.steps >= max_steps) return result;  // Kind::Budget
        uint64_t chunk = max_steps - result.steps;
        if (devices_.timer.next != Timer::kNever) chunk = std::min(chunk, devices_.timer.next - ticks_);
        update_translation();
        BlockEnd end;
        uint64_t retired = run_block(chunk, obs, end);
        steps_ += retired;
        ticks_ += retired;
        result.steps += retired;
        if (end.kind == BlockEnd::Break) {
            result.kind = RunResult::Kind::Break;
            return result;
        }
        if (end.kind == BlockEnd::Trapped && deliver(end.trap, pc_, obs, result)) return result;
    }
    result.kind = RunResult::Kind::Stopped;
    return result;
}

// Takes a pending interrupt, if psw allows one. True when run() must return
// (the interrupt went to the monitor).
template <class Obs> bool Machine::check_interrupts(Obs& obs, RunResult& result) {
    devices_.timer.advance(ticks_);
    if (!priv_.interrupts_enabled()) return false;
    std::optional<Cause> cause = devices_.pending_interrupt(ticks_);
    if (!cause) return false;
    waiting_ = false;
    return deliver(Trap{*cause, 0}, pc_, obs, result);
}

// A trap or interrupt happened with epc_value: run the trap sequence, or
// hand it to the monitor. True when run() must return.
template <class Obs> bool Machine::deliver(const Trap& trap, uint32_t epc_value, Obs& obs, RunResult& result) {
    bool to_monitor = delivery_ == TrapDelivery::ToMonitor;
    obs.trapped(trap, epc_value, to_monitor);
    if (to_monitor) {
        result.kind = RunResult::Kind::Exit;
        result.trap = trap;
        return true;
    }
    take_trap(trap, epc_value);
    return false;
}

RunResult Machine::run(uint64_t max_steps) {
    NoObserver none;
    return run_loop(max_steps, none);
}

RunResult Machine::run(uint64_t max_steps, Observer& observer) {
#ifdef TRAPVM_NO_TRACE_HOOKS
    // A build without tracing hooks, only to measure what the hooks cost
    // when tracing is off (bench/run.sh): the observer is ignored.
    (void)observer;
    return run(max_steps);
#else
    return run_loop(max_steps, observer);
#endif
}

}  // namespace trapvm
