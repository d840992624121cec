// Reverse execution must reach exactly the state the forward run had: every
// register, every byte of memory, devices, the monitor's bookkeeping. These
// tests step forward one instruction at a time, snapshotting the world, then
// jump back and forth by replay (with tiny checkpoint intervals, so that
// checkpoints are restored and thinned out all the time) and compare.
#include "session_util.hpp"

#include <map>
#include <random>

using namespace trapvm;
using namespace trapvm::debug;
using namespace trapvm::debug::test;

namespace {

struct ForwardRun {
    std::vector<std::string> states;           // the world at each position
    std::vector<int> vms;                      // the VM of each position's event
    std::vector<std::vector<uint64_t>> steps;  // each VM's step at each position
};

std::vector<uint64_t> steps_of(Session& s) {
    std::vector<uint64_t> steps;
    for (int vm = 0; vm < s.vm_count(); ++vm) steps.push_back(s.timeline().step(vm));
    return steps;
}

// The world at every position of a forward run, going one event at a time.
ForwardRun forward_run(const Options& o, size_t limit) {
    std::ostringstream out;
    auto s = make_session(o, out);
    ForwardRun run{{snapshot(*s)}, {0}, {steps_of(*s)}};
    while (!s->timeline().at_end() && run.states.size() < limit) {
        s->timeline().travel_to(s->timeline().position() + 1);
        run.states.push_back(snapshot(*s));
        run.vms.push_back(s->timeline().current_vm());
        run.steps.push_back(steps_of(*s));
    }
    return run;
}

// The position reverse-step goes to from p: the previous event of the same VM.
size_t previous_of_same_vm(const ForwardRun& run, size_t p) {
    size_t q = p - 1;
    while (q > 0 && run.vms[q] != run.vms[p]) --q;
    return q;
}

// Where `goto vmK:N` must land: before the instruction of VM K that retires
// as its step N (an event whose instruction traps shares N with the next).
std::map<std::pair<int, uint64_t>, size_t> step_targets(const ForwardRun& run) {
    std::map<std::pair<int, uint64_t>, size_t> targets;
    for (size_t p = 0; p + 1 < run.states.size(); ++p) {
        auto vm = static_cast<size_t>(run.vms[p]);
        if (run.steps[p + 1][vm] > run.steps[p][vm]) targets[{run.vms[p], run.steps[p][vm]}] = p;
    }
    return targets;
}

// Visits positions in a random order by replay and compares with the forward run.
void check_replay(Options o, size_t limit = 3000) {
    ForwardRun forward = forward_run(o, limit);
    size_t last = forward.states.size() - 1;
    REQUIRE(last > 100);
    o.checkpoints = {7, 5};  // a checkpoint every 7 events, at most 5: constant restoring and thinning
    std::ostringstream out;
    auto s = make_session(o, out);
    s->timeline().travel_to(last);
    std::mt19937 random(12345);
    for (int i = 0; i < 200; ++i) {
        size_t p = random() % (last + 1);
        s->timeline().travel_to(p);
        INFO("position ", p);
        CHECK(snapshot(*s) == forward.states[p]);
    }
    for (size_t p = last; p + 60 > last && p > 1; --p) {
        s->timeline().travel_to(p);
        if (s->timeline().at_end()) continue;      // the end has no VM of its own
        s->select_vm(s->timeline().current_vm());  // as a stop there selects it
        s->execute("reverse-step");
        INFO("reverse-step from ", p);
        CHECK(snapshot(*s) == forward.states[previous_of_same_vm(forward, p)]);
    }
    std::map<std::pair<int, uint64_t>, size_t> targets = step_targets(forward);
    std::vector<std::pair<int, uint64_t>> keys;
    for (const auto& [key, position] : targets) keys.push_back(key);
    for (int i = 0; i < 200; ++i) {
        auto [vm, step] = keys[random() % keys.size()];
        std::string command = "goto " + (o.vmm ? "vm" + std::to_string(vm) + ":" : "") + std::to_string(step);
        s->execute(command);
        INFO(command);
        CHECK(snapshot(*s) == forward.states[targets[{vm, step}]]);
    }
}

}  // namespace

TEST_CASE("replay: nested calls on the bare machine") { check_replay(bare("tests/debug/programs/calls.s")); }

TEST_CASE("replay: timer interrupts, user mode, system calls and a fault on the bare machine") {
    check_replay(bare("tests/debug/programs/kernel.s"));
}

TEST_CASE("replay: console input by interrupt, with the timer") {
    check_replay(bare("tests/vmm/programs/console_kernel.s", "Hello, replay!\n"));
}

TEST_CASE("replay: wfi with interrupts on and off, then a deadlock") {
    check_replay(bare("tests/vmm/programs/wfi_kernel.s"));
}

TEST_CASE("replay: every exception kind in user mode") { check_replay(bare("tests/vmm/programs/faults_kernel.s")); }

TEST_CASE("replay: self-modifying code, whose pre-decoded instructions a restore must forget") {
    check_replay(bare("tests/debug/programs/selfmod.s"));
}

TEST_CASE("replay: under the monitor, two VMs with tiny time slices") {
    check_replay(monitor({"tests/debug/programs/kernel.s", "tests/debug/programs/calls.s"}, 13));
}

TEST_CASE("replay: under the monitor, console input and timer interrupts") {
    check_replay(monitor({"tests/vmm/programs/console_kernel.s", "tests/debug/programs/kernel.s"}, 29, "abc\n"));
}

TEST_CASE("replay: under the monitor, wfi, deadlock and faults") {
    check_replay(monitor({"tests/vmm/programs/wfi_kernel.s", "tests/vmm/programs/faults_kernel.s"}, 17));
}

TEST_CASE("replay: console output is printed once, however often the run is replayed") {
    std::ostringstream out;
    auto s = make_session(bare("tests/debug/programs/calls.s"), out);
    s->execute("continue");
    s->execute("goto 0");
    s->execute("continue");
    s->execute("reverse-step 30");
    s->execute("continue");
    std::string text = out.str();
    size_t first = text.find("| sum of squares: done\n");
    REQUIRE(first != std::string::npos);
    CHECK(text.find("| sum of squares: done", first + 1) == std::string::npos);
}

namespace {

// What `regs` and `csr` print at each step going forward (one `step` at a
// time), then what they print at each step reached going back with
// reverse-step from further on: the two must be the same.
void check_displays_going_back(const Options& o, uint64_t until) {
    std::ostringstream out_forward, out_back;
    auto forward = make_session(o, out_forward);
    std::map<uint64_t, std::string> shown;
    for (;;) {
        shown[forward->timeline().position()] = run(*forward, out_forward, "regs") + run(*forward, out_forward, "csr");
        if (forward->timeline().position() >= until) break;
        run(*forward, out_forward, "step");
    }
    auto back = make_session(o, out_back);
    run(*back, out_back, "goto " + std::to_string(until + 50));
    if (o.vmm) run(*back, out_back, "vm 0");  // going forward, `step` followed vm0
    size_t compared = 0;
    for (uint64_t before = UINT64_MAX; back->timeline().position() < before;) {
        before = back->timeline().position();
        run(*back, out_back, "reverse-step");  // under the monitor: this VM's previous instruction
        uint64_t p = back->timeline().position();
        if (!shown.count(p)) continue;  // under the monitor: a step of the other VM
        INFO("step ", p);
        CHECK(run(*back, out_back, "regs") + run(*back, out_back, "csr") == shown[p]);
        ++compared;
    }
    CHECK(compared > until / 3);
}

}  // namespace

TEST_CASE("reverse-step across timer interrupts: regs and csr show what they showed going forward") {
    check_displays_going_back(bare("tests/debug/programs/kernel.s"), 240);  // interrupts at 106, 131, ...
}

TEST_CASE("reverse-step across monitor exits: regs and csr show what they showed going forward") {
    check_displays_going_back(monitor({"tests/debug/programs/kernel.s", "tests/debug/programs/calls.s"}, 50), 240);
}
