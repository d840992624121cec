// User mode and system mode: the privileged instructions trap in user mode
// and run in system mode; csr writes keep only each register's bits
// (pg32-reference.md §2, §3, §5).
#include "conformance.hpp"
#include "tests/support/samples.hpp"

#include <map>
#include <stdexcept>

using namespace conformance;

namespace {

// One use of each privileged instruction, from the table (tests/support/
// samples.hpp), each with something visible it would do if it ran: a0,
// scratch, the console, the timer, the machine.
std::vector<std::string> privileged_samples() {
    std::vector<std::string> samples;
    for (const pg32::InsnInfo& insn : pg32::kInsns)
        if (insn.privileged) samples.push_back(trapvm::test::sample_of(insn));
    return samples;
}

}  // namespace

TEST_CASE("every privileged instruction traps with PRIVILEGED in user mode and has no effect") {
    for (const std::string& sample : privileged_samples()) {
        for (uint32_t user_psw : {0u, uint32_t{pg32::PSW_IE}}) {
            CAPTURE(sample);
            CAPTURE(user_psw);
            Program p(R"(
            .equ USER, 0x1000
                on_trap handler
                li   t0, 0x77
                csrw scratch, t0
                enter_user USER, 0x1000, )" +
                          std::to_string(user_psw) + R"(
            handler:
                halt
            .org USER
                li   a0, 0x41
                nop
            insn:
                )" + sample +
                          R"(
                sys
            )",
                      {.input = "x"});
            p.run_to_handler();
            uint32_t insn = p.addr("insn");
            CHECK(p.trap() == TrapRecord{code(pg32::Cause::Privileged), insn - 0x1000, user_psw, p.word(insn)});
            CHECK(p.csr("psw") == pg32::PSW_SYSTEM);  // system mode, interrupts off
            CHECK(p.reg("a0") == 0x41);
            CHECK(p.csr("scratch") == 0x77);
            CHECK(p.output().empty());
            CHECK(p.machine.devices().console.input_pos == 0);
        }
    }
}

TEST_CASE("privileged instructions run in system mode") {
    Program p(R"(
        li   t0, 0x41
        csrw scratch, t0
        csrr a0, scratch
        out  PORT_CONSOLE_OUT, a0
        in   a1, PORT_CONSOLE_IN
        halt
    )",
              {.input = "z"});
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x41);
    CHECK(p.output() == "A");
    CHECK(p.reg("a1") == 'z');
}

TEST_CASE("csr writes keep only the bits each register has") {
    // csrs.tbl's writable masks: psw and epsw have bits 1:0; tvec, epc and
    // rbase read bits 1:0 as 0 (pg32-reference.md section 3).
    for (const pg32::CsrInfo& info : pg32::kCsrs) {
        std::string name = info.name;
        uint32_t expected = info.writable;
        CAPTURE(name);
        // Then a value with none of the bits, except that psw keeps system
        // mode (psw = 0 would drop this snippet into user mode).
        uint32_t second = name == "psw" ? pg32::PSW_SYSTEM : 0;
        Program p("li t0, -1\ncsrw " + name + ", t0\ncsrr a0, " + name + "\nli t0, " + std::to_string(second) +
                  "\ncsrw " + name + ", t0\ncsrr a1, " + name + "\nhalt\n");
        p.run_to_halt();
        CHECK(p.reg("a0") == expected);
        CHECK(p.reg("a1") == second);
    }
}

TEST_CASE("reset starts in system mode with interrupts off and every register 0") {
    Program p(R"(
        csrr a0, psw
        halt
    )");
    for (int r = 0; r < 16; ++r) CHECK(p.machine.regs()[r] == 0);
    for (const pg32::CsrInfo& c : pg32::kCsrs) {
        CAPTURE(c.name);
        CHECK(p.csr(c.name) == (c.value == pg32::Csr::Psw ? pg32::PSW_SYSTEM : 0u));
    }
    p.run_to_halt();
    CHECK(p.reg("a0") == pg32::PSW_SYSTEM);
}

TEST_CASE("the entry point is _start when the program defines it") {
    Program p(R"(
        li   a0, 1              # skipped: not the entry point
        halt
    _start:
        li   a0, 2
        halt
    )");
    CHECK(p.machine.pc() == p.addr("_start"));
    p.run_to_halt();
    CHECK(p.reg("a0") == 2);
}

TEST_CASE("reset refuses an entry point that is not a multiple of 4") {
    // The pc is always a multiple of 4; images and the assembler refuse such
    // entries, and the machine does not take one either.
    Machine m;
    CHECK_THROWS_AS(m.reset(2), std::invalid_argument);
    CHECK_NOTHROW(m.reset(4));
    CHECK(m.pc() == 4);
}
