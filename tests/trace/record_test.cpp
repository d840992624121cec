// Building trace events: the recorder's records, and what a session adds
// (symbols, idle time, monitor exits, scheduling) on the bare machine and
// under the monitor.
#include "trace/recorder.hpp"
#include "trace_support.hpp"

using namespace trapvm;
using trace::Event;
using trace_test::assemble;
using trace_test::only;
using trace_test::record_bare;
using trace_test::record_vmm;

namespace {

const Event* find_step(const std::vector<Event>& events, const std::string& assembly) {
    for (const Event& e : events)
        if (e.type == Event::Type::Step && e.assembly == assembly) return &e;
    return nullptr;
}

}  // namespace

TEST_CASE("recorder: a record holds its instruction's writes, a trap voids them") {
    PrivRegs priv;
    std::vector<trace::Record> out;
    trace::Recorder r(priv, [&](const trace::Record& rec) { out.push_back(rec); });
    r.before(0x10);
    r.register_written(5, 1, 2);
    r.memory_written(0x80, 0x1080, 4, 0, 7);
    r.port_accessed(0x10, 'A', true);
    r.csr_written(pg32::Csr::Tvec, 0, 0x40);
    r.retired(0x10, 0x12345678);
    r.before(0x14);
    r.register_written(6, 0, 1);  // say the instruction then faults
    r.trapped(Trap{pg32::Cause::Bounds, 0x2000}, 0x14, false);
    r.trapped(Trap{pg32::Cause::Timer, 0}, 0x40, true);  // exits to a monitor are no record
    REQUIRE(out.size() == 2);
    CHECK(out[0].kind == trace::Record::Kind::Step);
    CHECK(out[0].step == 0);
    CHECK(out[0].system);
    CHECK(out[0].word == 0x12345678);
    CHECK(out[0].regs == std::vector<trace::RegWrite>{{5, 1, 2}});
    CHECK(out[0].mems == std::vector<trace::MemWrite>{{0x80, 0x1080, 4, 0, 7}});
    CHECK(out[0].ports == std::vector<trace::PortAccess>{{0x10, 'A', true}});
    CHECK(out[0].csrs == std::vector<trace::CsrWrite>{{pg32::Csr::Tvec, 0, 0x40}});
    CHECK(out[1].kind == trace::Record::Kind::Trap);
    CHECK(out[1].step == 1);
    CHECK(out[1].pc == 0x14);
    CHECK(out[1].regs.empty());
    CHECK(out[1].trap == Trap{pg32::Cause::Bounds, 0x2000});
}

TEST_CASE("session: rfe shows its psw change, bare and under the monitor alike") {
    Image image = assemble("tests/trace/programs/syscall.s");
    auto bare = record_bare(image);
    auto vmm = record_vmm({&image});
    for (const auto* events : {&bare, &vmm}) {
        const Event* rfe = find_step(*events, "rfe");
        REQUIRE(rfe);
        CHECK(rfe->record.csrs == std::vector<trace::CsrWrite>{{pg32::Csr::Psw, pg32::PSW_SYSTEM, 0}});
        CHECK(rfe->symbol == "_start+0x50");
        CHECK(rfe->source == "syscall.s:27");
    }
}

TEST_CASE("session: symbols and source lines only where the image holds the code that ran") {
    Image image = assemble("tests/trace/programs/syscall.s");
    auto events = only(record_bare(image), Event::Type::Step);
    REQUIRE(events.size() == 56);
    CHECK(events[0].symbol == "_start");
    CHECK(events[0].source == "syscall.s:10");
    CHECK(events[0].assembly == "lui t0, 0x0");
    const Event& user = events[45];  // the user program, copied to 0x1000 and relocated by R
    CHECK_FALSE(user.record.system);
    CHECK(user.assembly == "addi a0, zero, 75");
    CHECK(user.symbol == "");
    CHECK(user.source == "");
    const Event* store = find_step(events, "sw a0, 128(zero)");
    REQUIRE(store);
    CHECK(store->record.mems == std::vector<trace::MemWrite>{{0x80, 0x1080, 4, 0, 'K'}});
}

TEST_CASE("session: a trap from user mode, and the monitor reflecting it") {
    Image image = assemble("tests/trace/programs/syscall.s");
    auto traps = only(record_vmm({&image}), Event::Type::Trap);
    REQUIRE(traps.size() == 2);
    CHECK(traps[0].record.trap.cause == pg32::Cause::Syscall);
    CHECK(traps[0].record.pc == 4);
    CHECK(traps[0].record.step == 46);
    CHECK_FALSE(traps[0].record.system);
    auto all = record_vmm({&image});
    auto exits = only(all, Event::Type::Exit);
    const Event* reflect = nullptr;
    for (const Event& e : exits)
        if (e.exit.decision == "reflect" && !reflect) reflect = &e;
    REQUIRE(reflect);
    CHECK(reflect->record.step == 46);
    CHECK(reflect->exit.routine == "");
    CHECK(reflect->exit.changes == std::vector<trace::CsrWrite>{{pg32::Csr::Psw, 0, pg32::PSW_SYSTEM},
                                                                {pg32::Csr::Epc, 0, 4},
                                                                {pg32::Csr::Cause, 0, 1}});
    CHECK(reflect->exit.real_rbase == 0);  // virtual system mode: the whole region
    CHECK(reflect->exit.real_rbound == 1u << 20);
}

TEST_CASE("session: emulated instructions: decision, routine, virtual state changed, real R") {
    Image image = assemble("tests/trace/programs/syscall.s");
    auto exits = only(record_vmm({&image}), Event::Type::Exit);
    REQUIRE(exits.size() >= 6);
    CHECK(exits[0].exit.decision == "emulate");
    CHECK(exits[0].exit.routine == "csrw");
    CHECK(exits[0].record.step == 2);
    CHECK(exits[0].exit.changes == std::vector<trace::CsrWrite>{{pg32::Csr::Tvec, 0, 0x54}});
    const Event* rfe = nullptr;
    for (const Event& e : exits)
        if (e.exit.routine == "rfe" && !rfe) rfe = &e;
    REQUIRE(rfe);
    CHECK(rfe->record.step == 44);
    CHECK(rfe->exit.real_rbase == 0x1000);  // now virtual user mode: the region base plus the virtual R
    CHECK(rfe->exit.real_rbound == 0x100);
    CHECK(exits.back().exit.decision == "stop");  // the power-off
    CHECK(exits.back().exit.routine == "out");
}

TEST_CASE("session: idle time in wfi, and the interrupt that ends it, bare and under the monitor") {
    Image image = assemble("tests/trace/programs/tick.s");
    auto bare = record_bare(image);
    auto vmm = record_vmm({&image});
    for (const auto* events : {&bare, &vmm}) {
        auto idle = only(*events, Event::Type::Idle);
        REQUIRE(idle.size() == 1);
        CHECK(idle[0].idle_from == 8);
        CHECK(idle[0].idle_to == 25);
        CHECK(idle[0].record.step == 8);
        auto traps = only(*events, Event::Type::Trap);
        REQUIRE(traps.size() == 1);
        CHECK(traps[0].record.trap.cause == pg32::Cause::Timer);
    }
    auto injected = only(vmm, Event::Type::Inject);
    REQUIRE(injected.size() == 1);
    CHECK(injected[0].record.pc == 0x20);
}

TEST_CASE("session: scheduling records only when the monitor switches VMs") {
    Image a = assemble("tests/trace/programs/syscall.s"), b = assemble("tests/trace/programs/tick.s");
    auto schedules = only(record_vmm({&a, &b}, {}, 7), Event::Type::Schedule);
    REQUIRE(schedules.size() >= 3);
    CHECK(schedules[0].vm == 0);
    for (size_t i = 1; i < schedules.size(); ++i) CHECK(schedules[i].vm != schedules[i - 1].vm);
}

TEST_CASE("session: --vm keeps one VM's events, and does not watch the others") {
    Image a = assemble("tests/trace/programs/syscall.s"), b = assemble("tests/trace/programs/tick.s");
    trace::Filter filter;
    filter.vm = 1;
    auto events = record_vmm({&a, &b}, filter, 7);
    REQUIRE_FALSE(events.empty());
    for (const Event& e : events) CHECK(e.vm == 1);
    CHECK(only(events, Event::Type::Step).size() == 13);
}

TEST_CASE("session: past --to the observer stops watching, the run goes on") {
    Image image = assemble("tests/trace/programs/syscall.s");
    trace::Filter filter;
    filter.from = 40;
    filter.to = 45;
    auto events = record_bare(image, filter);
    auto steps = only(events, Event::Type::Step);
    REQUIRE(steps.size() == 6);
    CHECK(steps.front().record.step == 40);
    CHECK(steps.back().record.step == 45);
    CHECK(events.back().type == Event::Type::End);
    CHECK(events.back().record.step == 56);  // the whole run
    Image ticks = assemble("tests/trace/programs/tick.s");
    filter.to = 3;
    filter.from = 0;
    auto vmm = record_vmm({&ticks}, filter);
    CHECK(only(vmm, Event::Type::Step).size() == 4);
    CHECK(vmm.back().record.step == 13);
}
