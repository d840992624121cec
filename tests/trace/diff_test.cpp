// trapvm diff's comparison: the first divergence of two guest-visible
// streams, with context; equal streams; ends that differ.
#include "trace/diff.hpp"
#include "trace_support.hpp"

using namespace trapvm;
using trace::Event;
using trace_test::assemble;

namespace {

std::vector<Event> guest(const std::vector<Event>& events) {
    std::vector<Event> out;
    for (const Event& e : events)
        if (e.guest_visible()) out.push_back(e);
    return out;
}

std::vector<Event> syscall_trace() {
    static const std::vector<Event> events = guest(trace_test::record_bare(assemble("tests/trace/programs/syscall.s")));
    return events;
}

trace::DiffResult compare(std::vector<Event> a, std::vector<Event> b, bool b_vmm = false) {
    trace::EventList la(std::move(a)), lb(std::move(b));
    return trace::diff({la, "a.jsonl", trace::TextFormat(false, false)},
                       {lb, "b.jsonl", trace::TextFormat(b_vmm, false)});
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("diff: equal traces are equivalent, and say how much was compared") {
    trace::DiffResult r = compare(syscall_trace(), syscall_trace());
    CHECK(r.equivalent);
    CHECK(r.compared == 58);
    CHECK(r.steps == 56);
    CHECK(r.report == "equivalent: 58 guest-visible records compared (56 instructions, 2 traps and interrupts)\n");
}

TEST_CASE("diff: a bare trace and a monitored trace of one program are equivalent") {
    Image image = assemble("tests/trace/programs/syscall.s");
    trace::DiffResult r = compare(syscall_trace(), guest(trace_test::record_vmm({&image}, {}, 5)), true);
    INFO(r.report);
    CHECK(r.equivalent);
    CHECK(r.compared == 58);
}

TEST_CASE("diff: a register value that differs, with context on both sides") {
    std::vector<Event> b = syscall_trace();
    REQUIRE(b[12].record.step == 12);
    b[12].record.regs[0].new_value ^= 1;
    trace::DiffResult r = compare(syscall_trace(), b);
    INFO(r.report);
    CHECK_FALSE(r.equivalent);
    CHECK(r.compared == 12);
    CHECK(contains(r.report, "the traces differ at step 12, after 12 equal records\n  A: a.jsonl\n  B: b.jsonl\n"));
    CHECK(contains(r.report, "\n       11 S  0000002c  ori t2, t2, 0x5"));  // the equal records before
    CHECK(contains(r.report, "\nA      12 S  00000030  lw t3, 0(t0)"));
    CHECK(contains(r.report, "\nB                      t3: 00000000 -> 2030004a\n"));
    CHECK(
        contains(r.report, "  difference: register writes: A t3: 00000000 -> 2030004b; B t3: 00000000 -> 2030004a\n"));
    CHECK(contains(r.report, "  then:\nA      13 S  00000034  sw t3, 0(t1)"));
}

TEST_CASE("diff: a trap where the other trace retires an instruction") {
    std::vector<Event> b = syscall_trace();
    Event& e = b[30];
    e.type = Event::Type::Trap;
    e.record = {trace::Record::Kind::Trap,      e.record.step, e.record.pc, 0, true, {}, {}, {}, {},
                Trap{pg32::Cause::Bounds, 0x30}};
    trace::DiffResult r = compare(syscall_trace(), b);
    INFO(r.report);
    CHECK_FALSE(r.equivalent);
    CHECK(contains(r.report, "\nB      30 S  00000030  ==> trap BOUNDS 00000030"));
    CHECK(contains(r.report, "  difference: record: A an instruction; B trap BOUNDS 00000030\n"));
}

TEST_CASE("diff: one trace ends early") {
    std::vector<Event> b = syscall_trace();
    b.resize(50);
    trace::DiffResult r = compare(syscall_trace(), b);
    INFO(r.report);
    CHECK_FALSE(r.equivalent);
    CHECK(r.compared == 50);
    CHECK(contains(r.report, "\nB (the trace ends)\n"));
    CHECK(contains(r.report, "  difference: B ends here; A goes on\n"));
    r = compare(b, syscall_trace());
    CHECK(contains(r.report, "  difference: A ends here; B goes on\n"));
}

TEST_CASE("diff: traces cut with --from are compared from their common start") {
    Image image = assemble("tests/trace/programs/syscall.s");
    trace::Filter from;
    from.from = 40;
    trace::DiffResult r = compare(syscall_trace(), guest(trace_test::record_bare(image, from)));
    INFO(r.report);
    CHECK(r.equivalent);
    CHECK(r.compared == 18);  // steps 40..55 and two traps
}

TEST_CASE("diff: what differs, field by field") {
    trace::Record a;
    a.step = 3;
    a.pc = 0x10;
    trace::Record b = a;
    b.pc = 0x14;
    CHECK(trace::what_differs(&a, &b) == "pc: A 00000010; B 00000014");
    b = a;
    b.system = true;
    CHECK(trace::what_differs(&a, &b) == "mode: A user; B system");
    b = a;
    b.word = 1;
    CHECK(trace::what_differs(&a, &b) == "instruction word: A 00000000; B 00000001");
    b = a;
    b.mems = {{0x80, 0x1080, 1, 0, 0x41}};
    CHECK(trace::what_differs(&a, &b) == "memory writes: A none; B mem[00000080] (phys 00001080): 00 -> 41");
    b = a;
    b.ports = {{static_cast<uint32_t>(pg32::Port::ConsoleOut), 0x41, true}};
    CHECK(trace::what_differs(&a, &b) == "port accesses: A none; B out CONSOLE_OUT: 00000041 'A'");
    b = a;
    b.csrs = {{pg32::Csr::Epsw, 0, 2}};
    CHECK(trace::what_differs(&a, &b) == "csr writes: A none; B epsw: 00000000 -> 00000002 (U -> U,IE)");
    a.kind = b.kind = trace::Record::Kind::Trap;
    b = a;
    b.trap = Trap{pg32::Cause::Divide, 0};
    a.trap = Trap{pg32::Cause::Syscall, 0};
    CHECK(trace::what_differs(&a, &b) == "trap: A trap SYSCALL; B trap DIVIDE");
}
