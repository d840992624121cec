// Self-modifying code, and determinism: the same program gives the same
// run every time, however run() is sliced (pg32-reference.md §6, Timer).
#include "conformance.hpp"

#include <algorithm>

using namespace conformance;

TEST_CASE("a store over an instruction that already ran takes effect the next time it runs") {
    Program p(R"(
    again:
    patch:
        addi a0, a0, 1          # the first time; then the word at `replacement`
        bnez s0, done
        li   s0, 1
        la   t0, patch
        la   t1, replacement
        lw   t1, 0(t1)
        sw   t1, 0(t0)
        j    again
    done:
        halt
    replacement:
        addi a0, a0, 100        # data here: never runs at this address
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 101);
}

TEST_CASE("a byte store into an instruction changes it the next time it runs") {
    Program p(R"(
    again:
    patch:
        addi a0, a0, 1          # bits 7:0 are the low byte of the immediate
        bnez s0, done
        li   s0, 1
        la   t0, patch
        li   t1, 16
        sb   t1, 0(t0)          # now: addi a0, a0, 16
        j    again
    done:
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 17);
}

TEST_CASE("Machine write_physical over an instruction that already ran takes effect") {
    Program p(R"(
    loop:
    patch:
        addi a0, a0, 1
        j    loop
    replacement:
        addi a0, a0, 7          # data: the new instruction word
    )");
    CHECK(p.machine.run(10).kind == RunResult::Kind::Budget);  // 5 times round the loop
    REQUIRE(p.reg("a0") == 5);
    REQUIRE(p.machine.pc() == p.addr("patch"));
    CHECK(p.machine.write_physical(p.addr("patch"), p.word(p.addr("replacement")), 4));
    p.machine.run(2);
    CHECK(p.reg("a0") == 12);
}

namespace {

// Computes, takes a timer interrupt every 23 ticks (each handler run logs
// its epc and prints a character), waits in wfi for the last one, halts.
const char* const kBusyProgram = R"(
        on_trap handler
        la   s2, epcs
        li   t0, 23
        out  PORT_TIMER_INTERVAL, t0
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
        li   t2, 500
    loop:
        slli t1, a0, 1          # a0 = 3 * a0 + 1
        add  a0, a0, t1
        addi a0, a0, 1
        addi s1, s1, 1
        blt  s1, t2, loop
        wfi
        halt
    handler:
        out  PORT_TIMER_STATUS, zero
        csrr t3, epc
        sw   t3, 0(s2)
        addi s2, s2, 4
        andi t0, a0, 63
        addi t0, t0, 48         # a character from '0' to 'o'
        out  PORT_CONSOLE_OUT, t0
        addi s3, s3, 1
        rfe
        .align 4
    epcs:
        .space 4096
    )";

// The whole state of two runs must be the same.
void check_same_run(Program& a, Program& b) {
    CHECK(a.machine.pc() == b.machine.pc());
    CHECK(a.machine.regs() == b.machine.regs());
    CHECK(a.machine.priv() == b.machine.priv());
    CHECK(a.machine.steps() == b.machine.steps());
    CHECK(a.machine.ticks() == b.machine.ticks());
    CHECK(a.machine.stop().reason == b.machine.stop().reason);
    CHECK(a.machine.stop().pc == b.machine.stop().pc);
    CHECK(a.output() == b.output());
    // Memory holds the epc of every interrupt: they landed on the same instructions.
    CHECK(std::ranges::equal(a.machine.memory(), b.machine.memory()));
}

}  // namespace

TEST_CASE("the same program with timer interrupts runs the same every time") {
    Program first(kBusyProgram);
    first.run_to_halt();
    Program second(kBusyProgram);
    second.run_to_halt();
    REQUIRE(first.reg("s3") > 100);                          // it did take many interrupts
    REQUIRE(first.machine.ticks() > first.machine.steps());  // and idled in wfi
    check_same_run(first, second);
}

TEST_CASE("running in slices of any size gives the same final state as one run") {
    Program whole(kBusyProgram);
    whole.run_to_halt();
    for (uint64_t slice : {1, 2, 3, 5, 7, 8, 64, 1000}) {
        CAPTURE(slice);
        Program sliced(kBusyProgram);
        for (int calls = 0; !sliced.machine.stopped() && calls < 1'000'000; ++calls) sliced.machine.run(slice);
        REQUIRE(sliced.machine.stopped());
        check_same_run(whole, sliced);
    }
}
