// Interrupts: masking, the exact tick the timer fires, acknowledging,
// the console interrupt, rfe and wfi (pg32-reference.md §5 and §6).
#include "conformance.hpp"

using namespace conformance;

TEST_CASE("a timer interrupt stays pending but is not taken while IE is off") {
    Program p(R"(
        on_trap handler
        li   t0, 5
        out  PORT_TIMER_INTERVAL, t0
    )" + repeat("nop", 20) +
              R"(
        in   a0, PORT_TIMER_STATUS
        out  PORT_TIMER_INTERVAL, zero  # timer off ...
        out  PORT_TIMER_STATUS, zero    # ... and acknowledged
        in   a1, PORT_TIMER_STATUS
        halt
    handler:
        halt
    )");
    p.run_to_halt();
    CHECK(p.machine.stop().pc != p.addr("handler"));
    CHECK(p.reg("a0") == pg32::TIMER_PENDING);
    CHECK(p.reg("a1") == 0);
    CHECK(p.csr("cause") == 0);
}

TEST_CASE("the timer interrupt is taken after exactly n more instructions with epc the next one") {
    for (int n : {1, 2, 3, 10, 100}) {
        CAPTURE(n);
        Program p(R"(
            on_trap handler
            li   t0, PSW_SYSTEM | PSW_IE
            csrw psw, t0
            li   t0, )" +
                  std::to_string(n) + R"(
            in   s0, PORT_TIMER_NOW
            out  PORT_TIMER_INTERVAL, t0
        first:
            )" + repeat("addi a0, a0, 1", n + 5) +
                  R"(
            halt
        handler:
            in   s1, PORT_TIMER_NOW
            halt
        )");
        p.run_to_halt();
        REQUIRE(p.machine.stop().pc == p.addr("handler") + 4);
        CHECK(p.reg("a0") == static_cast<uint32_t>(n));
        uint32_t next = p.addr("first") + 4 * static_cast<uint32_t>(n);
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Timer), next, pg32::PSW_SYSTEM | pg32::PSW_IE, 0});
        // Ticks between the two reads: the out, the n instructions, the in.
        CHECK(p.reg("s1") - p.reg("s0") == static_cast<uint32_t>(n) + 2);
    }
}

TEST_CASE("the timer fires every n ticks counting the instructions of the handler") {
    Program p(R"(
        on_trap handler
        la   s1, stamps
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
        li   t0, 20
        out  PORT_TIMER_INTERVAL, t0
    loop:
        addi a0, a0, 1
        j    loop
    handler:
        in   t1, PORT_TIMER_NOW         # the first instruction of each handler run
        sw   t1, 0(s1)
        addi s1, s1, 4
        out  PORT_TIMER_STATUS, zero    # acknowledge
        addi s0, s0, 1
        li   t2, 3
        beq  s0, t2, done
        rfe
    done:
        halt
        .align 4
    stamps:
        .word 0, 0, 0
    )");
    p.run_to_halt();
    CHECK(p.reg("s0") == 3);
    uint32_t stamps = p.addr("stamps");
    CHECK(p.word(stamps + 4) - p.word(stamps) == 20);
    CHECK(p.word(stamps + 8) - p.word(stamps + 4) == 20);
}

TEST_CASE("a handler that returns without acknowledging is interrupted again at once") {
    Program p(R"(
        on_trap handler
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
        li   t0, 10
        out  PORT_TIMER_INTERVAL, t0
    loop:
        addi a0, a0, 1          # 10 instructions later: 5 of these have run
        j    loop
    handler:
        addi s0, s0, 1
        li   t1, 3
        beq  s0, t1, done
        rfe                     # no acknowledge: the interrupt is still pending
    done:
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("s0") == 3);
    CHECK(p.reg("a0") == 5);  // no instruction of the loop ran between the handler runs
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Timer), p.addr("loop"), pg32::PSW_SYSTEM | pg32::PSW_IE, 0});
}

TEST_CASE("the console interrupt is raised while input is ready and when it has ended") {
    Program p(R"(
        on_trap handler
        li   t0, CONSOLE_IRQ_ENABLE
        out  PORT_CONSOLE_CTRL, t0
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
    loop:
        j    loop
    handler:
        addi s0, s0, 1
        in   t1, PORT_CONSOLE_STATUS
        andi t1, t1, CONSOLE_READY
        beqz t1, ended
        in   t2, PORT_CONSOLE_IN
        out  PORT_CONSOLE_OUT, t2
        rfe
    ended:
        halt
    )",
              {.input = "hi"});
    p.run_to_halt();
    CHECK(p.machine.stop().pc == p.addr("ended"));
    CHECK(p.output() == "hi");
    CHECK(p.reg("s0") == 3);  // two bytes, then the end of input
    CHECK(p.csr("cause") == code(pg32::Cause::Console));
}

TEST_CASE("no console interrupt while CONSOLE_CTRL leaves it disabled") {
    Program p(R"(
        on_trap handler
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
    loop:
        j    loop
    handler:
        halt
    )",
              {.input = "x"});
    RunResult r = p.machine.run(1000);
    CHECK(r.kind == RunResult::Kind::Budget);
    CHECK(p.csr("cause") == 0);
}

TEST_CASE("TIMER is taken before CONSOLE when both are pending") {
    Program p(R"(
        on_trap handler
        li   t0, CONSOLE_IRQ_ENABLE
        out  PORT_CONSOLE_CTRL, t0      # input is ready: CONSOLE pending from now on
        li   t0, 1
        out  PORT_TIMER_INTERVAL, t0
        nop                             # TIMER pending too
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
    next:
        halt
    handler:
        halt
    )",
              {.input = "x"});
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Timer), p.addr("next"), pg32::PSW_SYSTEM | pg32::PSW_IE, 0});
}

TEST_CASE("rfe restores user mode and IE and a pending interrupt is taken before the first user instruction") {
    Program p(R"(
    .equ USER, 0x1000
        on_trap handler
        li   t0, 1
        out  PORT_TIMER_INTERVAL, t0
        nop                     # the timer is pending from here on; IE is off
        enter_user USER, 0x1000, PSW_IE
    handler:
        halt
    .org USER
        li   a0, 1              # not reached
    )");
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Timer), 0, pg32::PSW_IE, 0});
    CHECK(p.reg("a0") == 0);
}

TEST_CASE("rfe restores system mode with IE") {
    Program p(R"(
        la   t0, back
        csrw epc, t0
        li   t0, PSW_SYSTEM | PSW_IE
        csrw epsw, t0
        rfe
        halt                    # skipped: rfe jumps to epc
    back:
        csrr a0, psw
        halt
    )");
    p.run_to_halt();
    CHECK(p.machine.stop().pc == p.addr("back") + 4);
    CHECK(p.reg("a0") == (pg32::PSW_SYSTEM | pg32::PSW_IE));
}

TEST_CASE("wfi idles until the timer fires and idle ticks advance TIMER_NOW") {
    Program p(R"(
        li   t0, 1000
        out  PORT_TIMER_INTERVAL, t0    # fires 1000 ticks after this
        in   s0, PORT_TIMER_NOW         # 1 tick after the out
    idle:
        wfi                             # waits with IE off, then goes on
        in   s1, PORT_TIMER_NOW         # 1001 ticks after the out
        in   a0, PORT_TIMER_STATUS
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("s1") - p.reg("s0") == 1000);
    CHECK(p.reg("a0") == pg32::TIMER_PENDING);
    // Ticks are instructions plus idle ticks: from the wfi (tick s0 + 1)
    // to the expiry (tick s0 + 999) the machine idled 998 ticks.
    CHECK(p.machine.ticks() - p.machine.steps() == 998);
}

TEST_CASE("an interrupt that ends a wfi is taken with epc the instruction after it") {
    Program p(R"(
        on_trap handler
        li   t0, PSW_SYSTEM | PSW_IE
        csrw psw, t0
        li   t0, 50
        out  PORT_TIMER_INTERVAL, t0
        wfi
    after:
        halt
    handler:
        halt
    )");
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Timer), p.addr("after"), pg32::PSW_SYSTEM | pg32::PSW_IE, 0});
}

TEST_CASE("wfi with no interrupt that could ever arrive stops with Deadlock") {
    for (const char* before : {"nop", "li t0, 5\nout PORT_TIMER_INTERVAL, t0\nout PORT_TIMER_INTERVAL, zero"}) {
        CAPTURE(before);
        Program p(std::string(before) + "\nwait: wfi\nhalt\n");
        const Stop& stop = p.run_to_stop();
        CHECK(stop.reason == StopReason::Deadlock);
        CHECK(stop.pc == p.addr("wait"));
    }
}

TEST_CASE("wfi with the console interrupt enabled is no deadlock") {
    // The interrupt is pending at once: input has ended (no bytes at all).
    Program p(R"(
        li   t0, CONSOLE_IRQ_ENABLE
        out  PORT_CONSOLE_CTRL, t0
        wfi
        halt
    )");
    CHECK(p.run_to_stop().reason == StopReason::Halt);
}

TEST_CASE("an interrupt with tvec 0 stops the machine before the next instruction") {
    // Also in slices: the machine stops at the same place however run() is called.
    for (uint64_t slice : {uint64_t{1}, uint64_t{2}, kStepCap}) {
        CAPTURE(slice);
        Program p(R"(
            li   t0, PSW_SYSTEM | PSW_IE
            csrw psw, t0
            li   t0, 3
            out  PORT_TIMER_INTERVAL, t0
            nop
            nop
            nop
        next:
            li   a0, 1              # never runs
            halt
        )");
        while (!p.machine.stopped() && p.machine.steps() < kStepCap) p.machine.run(slice);
        const Stop& stop = p.machine.stop();
        CHECK(stop.reason == StopReason::UnhandledTrap);
        CHECK(stop.trap == Trap{pg32::Cause::Timer, 0});
        CHECK(stop.pc == p.addr("next"));
        CHECK(p.reg("a0") == 0);
        CHECK(p.csr("psw") == (pg32::PSW_SYSTEM | pg32::PSW_IE));  // no trap sequence ran
    }
}
