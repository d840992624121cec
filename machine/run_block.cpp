// run_block(): the hot path of trapvm, the CPU running straight-line code.
//
// It executes instructions as fast as it can: pre-decoded instructions,
// threaded dispatch (each instruction jumps straight to the next one's
// code), and a budget that ends the block exactly where something must be
// looked at: a trap, a privileged instruction (which may change the mode, R
// or a device), or the tick at which the timer fires. Everything between
// blocks (interrupts, traps, wfi, stopping) is run_loop.cpp's. Nothing here
// tests for interrupts or reads a clock, and with NoObserver the tracing
// hooks compile to nothing.
//
// Two modes, each a table of labels indexed by Insn::op:
//
//   careful (c_<Name>)  every instruction counted as it retires; the
//                       observer sees each one. Blocks with an observer, and
//                       the last kStretch instructions of any block, run so.
//   fast (f_<Name>)     no count and no budget test: the budget is a position
//                       (fast_until) among the Insns, looked at only at check
//                       points (fc_<Name>): jumps, branches, privileged
//                       instructions, and the last word of every kStretch
//                       words (Insn::kCheck), so straight-line code cannot
//                       run past it unnoticed.
//
// and the labels every block shares:
//
//   DISPATCH()          careful mode's fetch: budget left? then jump to the
//                       code of the pre-decoded instruction. No bounds check:
//                       the word just past R (or memory) is marked kFetchFault
//                       for the block (FetchSentinel), so running off the end
//                       lands on fetch_fault, and jumps out of R are checked
//                       by jump()
//   *_undecoded         first fetch of a word since it was written. Without an
//                       observer the block stops (BlockEnd::Decode) and
//                       run_loop() decodes a stretch, so the block makes no calls
//   *_illegal           a word that decodes to nothing: ILLEGAL
//   *_user_trap         an instruction a monitor made trap: PRIVILEGED
//   *_fetch_fault       pc outside R or memory: BOUNDS (the sentinel's label)
//   finish              save the pc, return what retired and why it ended
//
// Without an observer the block also stops before a privileged instruction
// in system mode (BlockEnd::System): run_system_instruction() runs it.
#include "machine/block.hpp"
#include "machine/semantics/alu.hpp"
#include "machine/semantics/control.hpp"
#include "machine/semantics/memory.hpp"
#include "machine/semantics/profiles.hpp"
#include "machine/semantics/system.hpp"

#include <algorithm>
#include <stdexcept>
#include <type_traits>

namespace trapvm {

using pg32::Cause;

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

// An instruction after which the block ends: a privileged one, or one that
// may write psw (an unprivileged one only a flawed profile has), since the
// mode decides the translation the block runs with.
constexpr bool ends_block(pg32::Op op) {
    const pg32::InsnInfo& i = pg32::kInsns[static_cast<int>(op)];
    return i.privileged || (i.effects & pg32::kPswWrite);
}

// Which instructions trap in the current mode, as one mask (a bit per
// class): privileged ones in user mode; in guest mode (the guest-mode
// extension, Machine::enter_guest_mode) also the sensitive ones that are not
// privileged. Each instruction's code tests its own class's bit, so an
// innocuous one tests nothing.
constexpr uint32_t kTrapsInUser = 1;
constexpr uint32_t kTrapsInGuest = 2;
constexpr uint32_t trap_class(pg32::Op op) {
    const pg32::InsnInfo& i = pg32::kInsns[static_cast<int>(op)];
    return i.privileged ? kTrapsInUser : i.sensitivity != pg32::kInnocuous ? kTrapsInGuest : 0;
}

// A check point of fast mode: an instruction that may jump or ends the
// block (the others are check points only in the last word of each kStretch
// words: Insn::kCheck).
constexpr bool is_check_point(pg32::Op op) {
    const pg32::InsnInfo& i = pg32::kInsns[static_cast<int>(op)];
    return ends_block(op) || (i.effects & (pg32::kJump | pg32::kBranch));
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

// The Hart for a block that may retire `budget` instructions from pc_
// (which must lie inside R, so limit_ >= 4). pc_ + 4 <= limit_ <= memory size - base_:
// every pointer lies in (or just past) the pre-decoded array.
template <class Obs> Hart<Obs> Machine::hart(uint64_t budget, Obs& obs) {
    Insn* first = decoded_.data() + base_ / 4;
    return Hart<Obs>{.m = *this,
                     .obs = obs,
                     .x = regs_.x,
                     .base = base_,
                     .limit = limit_,
                     .last_byte = static_cast<uint32_t>(limit_ - 1),
                     .last_half = static_cast<uint32_t>((limit_ & ~uint64_t{1}) - 2),
                     .last_word = static_cast<uint32_t>((limit_ & ~uint64_t{3}) - 4),
                     .window = memory_.data() + base_,
                     .first = first,
                     .end = first + limit_ / 4,
                     .insn = first + pc_ / 4,
                     .next = nullptr,
                     .budget = budget,
                     .left = budget};
}

// A privileged instruction in system mode, run outside the block: the
// block without an observer stops before each one (BlockEnd::System), so
// that it makes no calls and the compiler keeps its values in registers.
// It retires here as it would in the block, and ends the block the same way.
template <class Obs> BlockResult Machine::run_system_instruction(Obs& obs) {
    Hart<Obs> h = hart(1, obs);
    BlockEnd end{.kind = BlockEnd::Privileged};
    h.next = h.insn + 1;
    switch (h.insn->instruction()) {
#define PG32_SYSTEM_CASE(Name, mnemonic, where)                                          \
    case pg32::Op::Name: {                                                               \
        auto semantics = [](auto& hart, Insn i) { return sem::exec_##Name(hart, i); };   \
        if (!run_semantics<pg32::Op::Name>(h, *h.insn, semantics, end)) return {0, end}; \
        break;                                                                           \
    }
        PG32_PRIVILEGED_INSTRUCTIONS(PG32_SYSTEM_CASE)
#undef PG32_SYSTEM_CASE
    default:
        throw std::logic_error(
            "run_system_instruction: not a privileged instruction");  // the block stops before privileged ones only
    }
    h.insn = h.next;
    pc_ = h.fetch_pc();
    return {1, end};
}

// Threaded dispatch uses GCC's "labels as values" extension; -Wpedantic
// would warn about each use.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"

// Fast mode keeps the budget as a position among the Insns (fast_until,
// below): a block retires at most this many instructions, so the position
// stays far from overflowing. run_loop() goes on with another block.
constexpr uint64_t kLongestBlock = uint64_t{1} << 32;

template <class Obs> BlockResult Machine::run_block(uint64_t budget, Obs& obs) {
    if (budget == 0) return {};
    budget = std::min(budget, kLongestBlock);
    if constexpr (Obs::kActive)
        if (obs.before(pc_)) return {.end = {.kind = BlockEnd::Break}};
    if (uint64_t{pc_} + 4 > limit_) return {.end = {BlockEnd::Trapped, Trap{Cause::Bounds, pc_}}};
    BlockEnd end;  // a local: the slow paths write it, no register holds it
    Hart<Obs> h = hart(budget, obs);
    const uint32_t trapping = (priv_.system_mode() ? 0 : kTrapsInUser) | (guest_mode_ ? kTrapsInGuest : 0);
    FetchSentinel sentinel(h.end);
    uint32_t word = 0;  // the instruction word; read only where it is needed
    // Fast mode's budget: at the instruction at p, (fast_until - p) /
    // sizeof(Insn) + kStretch instructions may still retire. It stays fast
    // while p <= fast_until; a jump moves fast_until by as much as it moves p.
    uintptr_t fast_until = 0;
    auto address = [](const Insn* p) { return reinterpret_cast<uintptr_t>(p); };
    auto settle = [&] {  // leaving fast mode: h.left again counts what is left
        h.left = static_cast<uint64_t>(static_cast<intptr_t>(fast_until - address(h.insn)) /
                                           static_cast<intptr_t>(sizeof(Insn)) +
                                       static_cast<intptr_t>(kStretch));
    };

    // The two tables of instruction code, indexed by Insn::op: each once as
    // itself and once with kCheck added. In careful mode both are the same.
    // In fast mode an instruction that may jump (or is privileged) is always
    // a check point; the others are only with kCheck.
#define PG32_CAREFUL(Name, mnemonic, opcode, format) &&c_##Name,
#define PG32_FAST(Name, mnemonic, opcode, format) is_check_point(pg32::Op::Name) ? &&fc_##Name : &&f_##Name,
#define PG32_FAST_CHECK(Name, mnemonic, opcode, format) &&fc_##Name,
    static const void* const kCareful[] = {
        &&c_undecoded, PG32_INSTRUCTIONS(PG32_CAREFUL) && c_illegal, &&c_fetch_fault, &&c_user_trap,
        &&c_undecoded, PG32_INSTRUCTIONS(PG32_CAREFUL) && c_illegal, &&c_fetch_fault, &&c_user_trap};
    static const void* const kFast[] = {
        &&f_undecoded, PG32_INSTRUCTIONS(PG32_FAST) && f_illegal,       &&f_fetch_fault, &&f_user_trap,
        &&f_undecoded, PG32_INSTRUCTIONS(PG32_FAST_CHECK) && f_illegal, &&f_fetch_fault, &&f_user_trap};
#undef PG32_CAREFUL
#undef PG32_FAST
#undef PG32_FAST_CHECK
    static_assert(sizeof kCareful / sizeof kCareful[0] == 2 * Insn::kCheck);
    static_assert(sizeof kFast / sizeof kFast[0] == 2 * Insn::kCheck);
    const void* const* fast = kFast;
    asm("" : "+r"(fast));  // a value in a register, not an address the compiler works out at every dispatch

    // Careful mode's fetch: budget left? the observer? Then jump to the code
    // of the pre-decoded instruction (the sentinel's is fetch_fault). The
    // observer wants the word too, which needs a bounds check first.
#define DISPATCH()                                                \
    do {                                                          \
        if (h.left == 0) goto finish;                             \
        if constexpr (Obs::kActive) {                             \
            if (obs.before(h.fetch_pc())) goto stop_for_observer; \
            if (h.insn >= h.end) goto c_fetch_fault;              \
            word = h.word_at(h.insn);                             \
        }                                                         \
        goto* kCareful[h.insn->op];                               \
    } while (0)

    // The body every instruction shares: the privilege check (and guest
    // mode's, one mask test: trap_class), its semantics,
    // the count, the next instruction. Only those the table says may jump
    // (effects jump, branch) get a next pointer to set; the others go on to
    // insn + 1. A trap leaves for finish, a privileged instruction too.
#define PG32_BODY(Name)                                                              \
    constexpr pg32::InsnInfo kInfo = pg32::kInsns[static_cast<int>(pg32::Op::Name)]; \
    constexpr bool kPrivileged = kInfo.privileged;                                   \
    constexpr bool kMayJump = kInfo.effects & (pg32::kJump | pg32::kBranch);         \
    if constexpr (trap_class(pg32::Op::Name) != 0) {                                 \
        if (trapping & trap_class(pg32::Op::Name)) {                                 \
            word = h.word_at(h.insn);                                                \
            end = {BlockEnd::Trapped, Trap{Cause::Privileged, word}};                \
            goto finish;                                                             \
        }                                                                            \
    }                                                                                \
    if constexpr (kPrivileged && !Obs::kActive) {                                    \
        end.kind = BlockEnd::System;                                                 \
        goto finish;                                                                 \
    }                                                                                \
    if constexpr (kMayJump) h.next = h.insn + 1;                                     \
    auto semantics = [](auto& hart, Insn i) { return sem::exec_##Name(hart, i); };   \
    if (!run_semantics<pg32::Op::Name>(h, *h.insn, semantics, end)) goto finish;     \
    --h.left;                                                                        \
    if constexpr (Obs::kActive) obs.retired(h.pc(), word);                           \
    if constexpr (kMayJump) h.insn = h.next;                                         \
    else ++h.insn;                                                                   \
    if constexpr (ends_block(pg32::Op::Name)) {                                      \
        end.kind = BlockEnd::Privileged;                                             \
        goto finish;                                                                 \
    }

    // Careful mode: every instruction counted as it retires.
#define PG32_CAREFUL_EXEC(Name, mnemonic, opcode, format) \
    c_##Name : {                                          \
        PG32_BODY(Name)                                   \
        DISPATCH();                                       \
    }

    // Fast mode (no observer), between check points: no count, no budget
    // test; the distance from fast_until says what is left. An instruction
    // that is always a check point has no such code. A sensitive one that is
    // not privileged (a flawed profile's) leaves for careful mode, which
    // traps it, when guest mode makes it trap.
#define PG32_FAST_EXEC(Name, mnemonic, opcode, format)                                              \
    f_##Name : {                                                                                    \
        if constexpr (!is_check_point(pg32::Op::Name)) {                                            \
            if constexpr (trap_class(pg32::Op::Name) != 0)                                          \
                if (trapping & trap_class(pg32::Op::Name)) {                                        \
                    settle();                                                                       \
                    goto c_##Name;                                                                  \
                }                                                                                   \
            auto semantics = [](auto& hart, Insn i) { return sem::exec_##Name(hart, i); };          \
            if (!run_semantics<pg32::Op::Name>(h, *h.insn, semantics, end)) goto settle_and_finish; \
            ++h.insn;                                                                               \
            goto* fast[h.insn->op];                                                                 \
        }                                                                                           \
    }                                                                                               \
    /* A check point: one that ends the block leaves fast mode (careful mode stops */               \
    /* before a privileged one); another runs, moves fast_until with its jump, */                   \
    /* and stays fast while at least kStretch more may retire. */                                   \
    fc_##Name : {                                                                                   \
        constexpr pg32::InsnInfo kInfo = pg32::kInsns[static_cast<int>(pg32::Op::Name)];            \
        constexpr bool kMayJump = kInfo.effects & (pg32::kJump | pg32::kBranch);                    \
        if constexpr (ends_block(pg32::Op::Name)) {                                                 \
            settle();                                                                               \
            goto c_##Name;                                                                          \
        } else {                                                                                    \
            if constexpr (trap_class(pg32::Op::Name) != 0)                                          \
                if (trapping & trap_class(pg32::Op::Name)) {                                        \
                    settle();                                                                       \
                    goto c_##Name;                                                                  \
                }                                                                                   \
            Insn* at = h.insn;                                                                      \
            if constexpr (kMayJump) h.next = at + 1;                                                \
            auto semantics = [](auto& hart, Insn i) { return sem::exec_##Name(hart, i); };          \
            if (!run_semantics<pg32::Op::Name>(h, *at, semantics, end)) goto settle_and_finish;     \
            Insn* next = kMayJump ? h.next : at + 1;                                                \
            fast_until += address(next) - address(at + 1);                                          \
            h.insn = next;                                                                          \
            if (address(next) <= fast_until) goto* fast[next->op];                                  \
            settle();                                                                               \
            DISPATCH();                                                                             \
        }                                                                                           \
    }

    if constexpr (Obs::kActive) word = h.word_at(h.insn);
    if (!Obs::kActive && budget >= kStretch) {
        fast_until = address(h.insn) + (budget - kStretch) * sizeof(Insn);
        goto* fast[h.insn->op];
    }
    goto* kCareful[h.insn->op];
    PG32_INSTRUCTIONS(PG32_CAREFUL_EXEC)
    PG32_INSTRUCTIONS(PG32_FAST_EXEC)

    // A word not decoded since it was written. Without an observer the
    // block stops before it (BlockEnd::Decode), to make no calls.
f_undecoded:
    if (h.insn >= h.end) goto f_fetch_fault;  // the sentinel, forgotten by a store
    if constexpr (!Obs::kActive) {
        end.kind = BlockEnd::Decode;
        goto settle_and_finish;
    }
    decode_at(h.physical(h.insn));
    goto* fast[h.insn->op];

c_undecoded:
    if (h.insn >= h.end) goto c_fetch_fault;
    if constexpr (!Obs::kActive) {
        end.kind = BlockEnd::Decode;
        goto finish;
    }
    decode_at(h.physical(h.insn));
    goto* kCareful[h.insn->op];

f_illegal:
    settle();
c_illegal:
    word = h.word_at(h.insn);
    end = {BlockEnd::Trapped, Trap{Cause::Illegal, word}};
    goto finish;

f_fetch_fault:
    settle();
c_fetch_fault:
    end = {BlockEnd::Trapped, Trap{Cause::Bounds, h.fetch_pc()}};
    goto finish;

    // An instruction a monitor asked to trap (Machine::trap_in_user_mode):
    // it traps as a privileged one does in user mode, the only mode a
    // monitor runs guest code in.
f_user_trap:
    settle();
c_user_trap:
    word = h.word_at(h.insn);
    end = {BlockEnd::Trapped, Trap{Cause::Privileged, word}};
    goto finish;

settle_and_finish:  // a trap in fast mode: the instructions before it retired
    settle();
    goto finish;

    [[maybe_unused]] stop_for_observer : end.kind = BlockEnd::Break;

finish:
    pc_ = h.fetch_pc();
    return {budget - h.left, end};
#undef DISPATCH
#undef PG32_BODY
#undef PG32_CAREFUL_EXEC
#undef PG32_FAST_EXEC
}

#pragma GCC diagnostic pop

template BlockResult Machine::run_block(uint64_t, NoObserver&);
template BlockResult Machine::run_block(uint64_t, Observer&);
template BlockResult Machine::run_system_instruction(NoObserver&);
template BlockResult Machine::run_system_instruction(Observer&);

}  // namespace trapvm
