// A monitor's first say (machine.hpp, ExitHandler): run() offers it each
// trap of a guest instruction and the end of each budget, and does what
// its verdict says: return as without a handler, run on with a new budget,
// or return Kind::Handled.
#include "machine/machine.hpp"

#include <doctest/doctest.h>

#include <vector>

using namespace trapvm;

namespace {

constexpr uint32_t kAdd = 0x01345000;   // add r3, r4, r5
constexpr uint32_t kCsrw = 0x61100000;  // csrw psw, r1: privileged, so it traps in user mode
constexpr uint32_t kMemory = 4096;

// A machine whose monitor takes its traps, running adds in real user mode,
// with one csrw at csrw_at (or none).
Machine guest_machine(uint32_t csrw_at = kMemory) {
    Machine m(MachineConfig{kMemory});
    m.set_trap_delivery(TrapDelivery::ToMonitor);
    for (uint32_t a = 0; a < kMemory; a += 4) m.write_physical(a, a == csrw_at ? kCsrw : kAdd, 4);
    m.set_mode_and_r(0, 0, kMemory);
    m.set_pc(0);
    return m;
}

// Answers with the verdicts given, in turn (then Return), and notes when it was asked.
struct Scripted final : ExitHandler {
    std::vector<Verdict> verdicts;
    std::vector<uint64_t> exits, ends;  // run()'s steps at each call
    size_t next = 0;

    Verdict answer() { return next < verdicts.size() ? verdicts[next++] : Verdict{}; }
    Verdict exited(const Trap&, uint64_t steps) override {
        exits.push_back(steps);
        return answer();
    }
    Verdict spent(uint64_t steps) override {
        ends.push_back(steps);
        return answer();
    }
};

using Kind = ExitHandler::Verdict::Kind;

}  // namespace

TEST_CASE("exit handler: at the budget's end, Return returns Kind::Budget as run() without a handler does") {
    Machine m = guest_machine();
    Scripted h;
    RunResult r = m.run(10, h);
    CHECK(r.kind == RunResult::Kind::Budget);
    CHECK(r.steps == 10);
    CHECK(h.ends == std::vector<uint64_t>{10});
    CHECK(m.pc() == 40);
}

TEST_CASE("exit handler: Resume at the budget's end runs on for the new budget, counted in the same run()") {
    Machine m = guest_machine();
    Scripted h;
    h.verdicts = {{Kind::Resume, 5}, {Kind::Resume, 3}};
    RunResult r = m.run(10, h);
    CHECK(r.kind == RunResult::Kind::Budget);
    CHECK(r.steps == 18);
    CHECK(h.ends == std::vector<uint64_t>{10, 15, 18});
    CHECK(m.pc() == 18 * 4);
    CHECK(m.steps() == 18);
}

TEST_CASE("exit handler: Handled at the budget's end returns Kind::Handled") {
    Machine m = guest_machine();
    Scripted h;
    h.verdicts = {{Kind::Handled, 0}};
    RunResult r = m.run(7, h);
    CHECK(r.kind == RunResult::Kind::Handled);
    CHECK(r.steps == 7);
}

TEST_CASE("exit handler: a trap is offered before its instruction retires, and Return returns it") {
    Machine m = guest_machine(40);
    Scripted h;
    RunResult r = m.run(100, h);
    CHECK(r.kind == RunResult::Kind::Exit);
    CHECK(r.trap.cause == pg32::Cause::Privileged);
    CHECK(r.trap.badaddr == kCsrw);
    CHECK(r.steps == 10);
    CHECK(h.exits == std::vector<uint64_t>{10});
    CHECK(h.ends.empty());
    CHECK(m.pc() == 40);
}

// Steps over the trapping instruction, as a monitor does once it has emulated it.
struct StepOver final : ExitHandler {
    Machine& machine;
    explicit StepOver(Machine& m) : machine(m) {}
    Verdict exited(const Trap&, uint64_t) override {
        machine.set_pc(machine.pc() + 4);
        return {Kind::Resume, 20};
    }
    Verdict spent(uint64_t) override { return {}; }
};

TEST_CASE("exit handler: Resume after a trap runs on from the handler's pc, for the new budget") {
    Machine m = guest_machine(40);
    StepOver h(m);
    RunResult r = m.run(100, h);
    CHECK(r.kind == RunResult::Kind::Budget);
    CHECK(r.steps == 30);  // 10 before the csrw, then the handler's 20
    CHECK(m.pc() == 44 + 20 * 4);
}
