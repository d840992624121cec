// Every kind of exception and what the trap sequence records for it
// (pg32-reference.md §5). Loads, stores and jalr have their own files.
#include "conformance.hpp"
#include "isa-spec/hex.hpp"

#include <iomanip>
#include <sstream>

using namespace conformance;

namespace {}  // namespace

TEST_CASE("fetching at rbound in user mode traps with BOUNDS and the pc as badaddr") {
    Program p(R"(
    .equ USER, 0x1000
        on_trap handler
        enter_user USER, 8, 0
    handler:
        halt
    .org USER
        nop
        nop
        # user address 8: outside R. (The word there is 0, which would be
        # ILLEGAL, but the fetch is checked first.)
    )");
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), 8, 0, 8});
}

TEST_CASE("running off the end of memory in system mode traps with BOUNDS on fetch") {
    Program p(R"(
        on_trap handler
        j    last
    handler:
        halt
    .org MEM_SIZE - 4
    last:
        nop                     # the last word of memory; the next fetch is outside
    )");
    p.run_to_handler();
    uint32_t end = p.machine.memory_size();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), end, pg32::PSW_SYSTEM, end});
}

TEST_CASE("a jump outside memory traps with BOUNDS at the target") {
    Program p(R"(
        on_trap handler
        li   t0, 0x7ffffff0
        jr   t0
    handler:
        halt
    )");
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), 0x7ffffff0, pg32::PSW_SYSTEM, 0x7ffffff0});
}

TEST_CASE("a word that is no instruction traps with ILLEGAL and the word as badaddr") {
    // Encodings from formats.tbl: the opcode is bits 31:24, and every bit no
    // field covers must be zero.
    for (uint32_t word : {
             0xff000000u,  // opcode 0xff: no instruction has it
             0x00000000u,  // the all-zero word (opcode 0): memory nobody wrote
             0x01345001u,  // add r3, r4, r5 with reserved bit 0 set
             0x50000001u,  // sys with a reserved bit set
             0x26340020u,  // slli r3, r4 with bit 5 set (shamt is bits 4:0)
             0x29310000u,  // lui r3 with bits 19:16 set
             0x60300009u,  // csrr a0, csr number 9: no such register
             0x61300009u,  // csrw csr number 9, a0
         }) {
        CAPTURE(pg32::hex32(word));
        Program p(R"(
            on_trap handler
            li   a0, 0x1234
        bad:
            .word )" +
                  std::to_string(word) + R"(
            halt
        handler:
            halt
        )");
        p.run_to_handler();
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Illegal), p.addr("bad"), pg32::PSW_SYSTEM, word});
        CHECK(p.reg("a0") == 0x1234);
    }
}

TEST_CASE("ILLEGAL is checked before PRIVILEGED in user mode") {
    for (uint32_t word : {0x60300009u /* csrr, unknown csr */, 0x64000001u /* halt, reserved bit */}) {
        CAPTURE(pg32::hex32(word));
        Program p(R"(
        .equ USER, 0x1000
            on_trap handler
            enter_user USER, 0x1000, 0
        handler:
            halt
        .org USER
            .word )" +
                  std::to_string(word) + R"(
        )");
        p.run_to_handler();
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Illegal), 0, 0, word});
    }
}

TEST_CASE("sys and brk trap with their own address as epc and badaddr 0") {
    for (auto [insn, cause] : {std::pair{"sys", pg32::Cause::Syscall}, std::pair{"brk", pg32::Cause::Breakpoint}}) {
        CAPTURE(insn);
        Program system_mode(std::string("on_trap handler\nat: ") + insn + "\nhalt\nhandler: halt\n");
        system_mode.run_to_handler();
        CHECK(system_mode.trap() == TrapRecord{code(cause), system_mode.addr("at"), pg32::PSW_SYSTEM, 0});

        Program user_mode(std::string(R"(
        .equ USER, 0x1000
            on_trap handler
            enter_user USER, 0x1000, PSW_IE
        handler:
            halt
        .org USER
            nop
        at: )") + insn + "\n");
        user_mode.run_to_handler();
        CHECK(user_mode.trap() == TrapRecord{code(cause), user_mode.addr("at") - 0x1000, pg32::PSW_IE, 0});
    }
}

TEST_CASE("a handler that adds 4 to epc goes on after the sys") {
    Program p(R"(
        on_trap handler
        li   a0, 1
        sys
        addi a0, a0, 10         # runs after the handler returns
        halt
    handler:
        addi a0, a0, 100
        csrr t0, epc
        addi t0, t0, 4
        csrw epc, t0
        rfe
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 111);
}

TEST_CASE("the trap sequence saves psw and enters system mode with interrupts off") {
    Program p(R"(
        on_trap handler
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
        sys
    handler:
        halt
    )");
    p.run_to_handler();
    CHECK(p.csr("epsw") == (pg32::PSW_SYSTEM | pg32::PSW_IE));
    CHECK(p.csr("psw") == pg32::PSW_SYSTEM);
}

TEST_CASE("a trap with tvec 0 stops the machine and changes nothing") {
    Program p(R"(
        li   a0, 7
        li   a1, 0x55
    divide:
        div  a1, a0, zero
        halt
    )");
    const Stop& stop = p.run_to_stop();
    CHECK(stop.reason == StopReason::UnhandledTrap);
    CHECK(stop.trap == Trap{pg32::Cause::Divide, 0});
    CHECK(stop.pc == p.addr("divide"));
    CHECK(p.machine.pc() == p.addr("divide"));
    CHECK(p.reg("a1") == 0x55);
    CHECK(p.machine.priv() == PrivRegs{});  // no trap sequence: every csr as at reset

    RunResult again = p.machine.run(100);  // a stopped machine stays stopped
    CHECK(again.kind == RunResult::Kind::Stopped);
    CHECK(again.steps == 0);
}

TEST_CASE("a trap with tvec 0 in user mode stops the machine still in user mode") {
    Program p(R"(
    .equ USER, 0x1000
        enter_user USER, 0x1000, 0
    .org USER
        nop
    at: brk
    )");
    const Stop& stop = p.run_to_stop();
    CHECK(stop.reason == StopReason::UnhandledTrap);
    CHECK(stop.trap == Trap{pg32::Cause::Breakpoint, 0});
    CHECK(stop.pc == p.addr("at") - 0x1000);
    CHECK(p.csr("psw") == 0);
    CHECK(p.csr("cause") == 0);
}
