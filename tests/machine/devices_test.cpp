// The devices on their ports: console, timer registers, power switch,
// unknown ports, and halt (pg32-reference.md §6).
#include "conformance.hpp"

using namespace conformance;

TEST_CASE("halt stops the machine at the halt") {
    Program p(R"(
        li   a0, 1
    stop:
        halt
        li   a0, 2              # never runs
    )");
    RunResult r = p.machine.run(kStepCap);
    CHECK(r.kind == RunResult::Kind::Stopped);
    CHECK(r.steps == 2);  // halt itself retires
    CHECK(p.machine.stop().reason == StopReason::Halt);
    CHECK(p.machine.stop().pc == p.addr("stop"));
    CHECK(p.reg("a0") == 1);
}

TEST_CASE("out POWER_OFF stops the machine with the value as its status") {
    Program p(R"(
        li   a0, 0x1234
    off:
        out  PORT_POWER_OFF, a0
        li   a0, 2              # never runs
        halt
    )");
    const Stop& stop = p.run_to_stop();
    CHECK(stop.reason == StopReason::PowerOff);
    CHECK(stop.status == 0x1234);
    CHECK(stop.pc == p.addr("off"));
    CHECK(p.reg("a0") == 0x1234);
}

TEST_CASE("console output writes the low byte of the value") {
    Program p(R"(
        li   a0, 0x12345641     # low byte 0x41: 'A'
        out  PORT_CONSOLE_OUT, a0
        li   a0, 10             # '\n'
        out  PORT_CONSOLE_OUT, a0
        halt
    )");
    p.run_to_halt();
    CHECK(p.output() == "A\n");
}

TEST_CASE("console input reports READY then ENDED and reads past the end give all ones") {
    Program p(R"(
        in   a0, PORT_CONSOLE_STATUS    # READY: 'A' is there
        in   a1, PORT_CONSOLE_IN
        in   a2, PORT_CONSOLE_STATUS    # ENDED: nothing more will come
        in   a3, PORT_CONSOLE_IN
        in   a4, PORT_CONSOLE_IN
        halt
    )",
              {.input = "A"});
    p.run_to_halt();
    CHECK(p.reg("a0") == pg32::CONSOLE_READY);
    CHECK(p.reg("a1") == 'A');
    CHECK(p.reg("a2") == pg32::CONSOLE_ENDED);
    CHECK(p.reg("a3") == 0xffffffff);
    CHECK(p.reg("a4") == 0xffffffff);
}

TEST_CASE("console input bytes arrive in order and unchanged including 0 and 255") {
    Program p(R"(
        in   a0, PORT_CONSOLE_IN
        in   a1, PORT_CONSOLE_IN
        in   a2, PORT_CONSOLE_IN
        in   a3, PORT_CONSOLE_STATUS
        halt
    )",
              {.input = std::string("\xff\0z", 3)});
    p.run_to_halt();
    CHECK(p.reg("a0") == 0xff);
    CHECK(p.reg("a1") == 0);
    CHECK(p.reg("a2") == 'z');
    CHECK(p.reg("a3") == pg32::CONSOLE_ENDED);
}

TEST_CASE("with no input at all the console has ended from the start") {
    Program p(R"(
        in   a0, PORT_CONSOLE_STATUS
        in   a1, PORT_CONSOLE_IN
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == pg32::CONSOLE_ENDED);
    CHECK(p.reg("a1") == 0xffffffff);
}

TEST_CASE("TIMER_INTERVAL and CONSOLE_CTRL read back what was written") {
    Program p(R"(
        li   t0, 12345
        out  PORT_TIMER_INTERVAL, t0
        in   a0, PORT_TIMER_INTERVAL
        li   t0, CONSOLE_IRQ_ENABLE
        out  PORT_CONSOLE_CTRL, t0
        in   a1, PORT_CONSOLE_CTRL
        out  PORT_CONSOLE_CTRL, zero
        in   a2, PORT_CONSOLE_CTRL
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 12345);
    CHECK(p.reg("a1") == pg32::CONSOLE_IRQ_ENABLE);
    CHECK(p.reg("a2") == 0);
}

TEST_CASE("TIMER_NOW counts retired instructions") {
    Program p(R"(
        in   a0, PORT_TIMER_NOW
        nop
        nop
        in   a1, PORT_TIMER_NOW
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a1") - p.reg("a0") == 3);          // two nops and the second in
    CHECK(p.machine.ticks() == p.machine.steps());  // no wfi: no idle ticks
}

TEST_CASE("an unknown port reads all ones ignores writes and is listed once") {
    Program p(R"(
        li   t0, 7
        in   a0, 0x7777
        out  0x7778, t0
        in   a1, 0x7777
        out  0x7778, t0
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0xffffffff);
    CHECK(p.reg("a1") == 0xffffffff);
    CHECK(p.machine.unknown_ports() == std::vector<uint32_t>{0x7777, 0x7778});
    CHECK(p.output().empty());
}
