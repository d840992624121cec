// Random PG32 test programs for differential testing (bare versus monitor).
//
// A program is a fixed frame (prologue, trap handler, epilogue) around a
// random body. The frame guarantees progress: the handler skips the
// instruction that trapped, acknowledges interrupts, and powers the machine
// off after kMaxTraps traps; loops are counted; branches only jump forward;
// calls go to leaf functions. A step cap (the checker's max_steps) ends
// whatever still runs, e.g. after a random rfe jumped backward.
//
// The body is a list of Items, each a few lines of assembly. Items, not
// text, so the shrinker can drop them and simplify their operands, and the
// result is still a valid program; render() prints it as PG32 assembly that
// `trapvm run --vmm` accepts as it is.
#pragma once

#include "hardening/entropy.hpp"
#include "isa-spec/isa.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace trapvm::hardening {

// The memory map of a generated program (its machine has kMemorySize bytes).
inline constexpr uint32_t kMemorySize = 0x10000;       // 64 KiB: small machines are fast
inline constexpr uint32_t kDataBase = 0x4000;          // s0 points here; loads and stores go near it
inline constexpr uint32_t kSaveArea = 0x7f00;          // the handler's saved registers and trap count
inline constexpr uint32_t kMaxTraps = 200;             // the handler powers off after this many
inline constexpr uint64_t kMaxSteps = 20000;           // the step cap of a differential run
inline constexpr uint32_t kEnterSystemMagic = 0x5157;  // a0 at `sys`: the handler returns in system mode

enum class ItemKind : uint8_t {
    Alu,          // op rd, rs1, rs2        (R format: add ... remu; div by zero traps)
    AluImm,       // op rd, rs1, imm        (I, IU, SH formats, lui)
    Load,         // op rd, imm(s0)         (imm may be far: BOUNDS; odd: MISALIGNED)
    Store,        // op rs2, imm(s0)
    Branch,       // op rs1, rs2, forward   (skips `skip` items of the same list)
    Call,         // call fn<index>
    Loop,         // body repeated `count` times (t3 counts)
    Trap,         // sys or brk
    CsrRead,      // csrr rd, csr
    CsrWrite,     // li a0, value; csrw csr, a0
    Port,         // in rd, port  or  li a0, value; out port, a0
    Rfe,          // rfe: jumps to epc (often backward: the step cap ends loops)
    Wfi,          // wfi
    Halt,         // halt
    EnterUser,    // epc <- the next line, epsw <- user mode (IE from imm), rfe
    EnterSystem,  // li a0, kEnterSystemMagic; sys: the handler returns in system mode
    Word,         // .word imm: any 32-bit word (illegal, privileged, anything)
    Patch,        // self-modifying code: run body[0] (the slot), store imm with op
                  // (sb, sh or sw) at byte sel of it, run it again
};

struct Item {
    ItemKind kind = ItemKind::Word;
    uint8_t op = 0;  // pg32::Op for instruction kinds
    uint8_t rd = 0, rs1 = 0, rs2 = 0;
    uint32_t imm = 0;         // immediate, offset, value written, raw word, call index, loop count
    uint16_t sel = 0;         // CsrRead, CsrWrite: the csr number; Port: the port number
    bool write = false;       // Port: out (else in); EnterUser: interrupts on
    bool to_handler = false;  // CsrWrite: the value is the trap handler's address
    uint32_t skip = 0;        // Branch: items skipped when taken
    std::vector<Item> body;   // Loop
};

struct Program {
    uint32_t timer_interval = 0;               // 0: timer off
    bool interrupts = false;                   // psw.IE in the prologue
    bool console_irq = false;                  // CONSOLE interrupts on
    bool start_in_user = false;                // enter user mode before the body
    uint32_t user_rbound = kMemorySize;        // R = (0, user_rbound) for user mode
    std::string input;                         // console input
    uint32_t quantum = pg32::kQuantumDefault;  // the monitor's time slice (small ones preempt anywhere)
    std::vector<Item> body;
    std::vector<std::vector<Item>> functions;  // leaf functions, called by Call items
    // Programs run beside this one, each in its own VM under the same
    // monitor; each must also see what it would see alone.
    std::vector<Program> beside;
};

struct GenOptions {
    int max_items = 48;  // body items (loops and functions add more)
    int max_functions = 2;
    int raw_word_percent = 4;
    int max_beside = 2;  // companion VMs (generated with max_beside = 0)
};

Program generate(Entropy& entropy, const GenOptions& options = {});

// The program as PG32 assembly, ready for assemble_source(). Companions
// (program.beside) are separate programs: render each on its own.
std::string render(const Program& program);

// Items in the whole program, loop bodies and functions included.
size_t item_count(const Program& program);

}  // namespace trapvm::hardening
