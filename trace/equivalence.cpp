// Bare versus monitored runs, record by record (see equivalence.hpp).
#include "trace/equivalence.hpp"

#include "trace/compare.hpp"
#include "trace/recorder.hpp"
#include "vmm/monitor.hpp"

#include <deque>

namespace trapvm::trace {

namespace {

constexpr size_t kContext = 4;  // records kept before a divergence
constexpr size_t kAfter = 2;    // and after it

uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

struct Outcome {
    std::string console;
    Stop stop;
    uint64_t steps = 0;
    vmm::ExitStats stats;
};

// One run on the bare machine; each record goes to `emit`.
Outcome run_bare(const EquivalenceSetup& s, const std::function<void(const Record&)>& emit) {
    Machine m(MachineConfig{s.memory_size});
    for (const Segment& seg : s.image->segments) m.load(seg.address, seg.bytes);
    m.reset(s.image->entry);
    CaptureSink console;
    m.devices().console.sink = &console;
    m.devices().console.input = InputStream::from_bytes(s.input);
    Recorder recorder(m.priv(), emit);
    while (!m.stopped() && m.steps() < s.max_steps) m.run(s.max_steps - m.steps(), recorder);
    return {console.text, m.stop(), m.steps(), {}};
}

// The guest's view of one VM, for the monitor's observer interface.
class OneGuest : public vmm::MonitorObserver {
public:
    explicit OneGuest(Observer& guest) : guest_(guest) {}
    Observer* guest(const vmm::Vm&) override { return &guest_; }

private:
    Observer& guest_;
};

Outcome run_monitored(const EquivalenceSetup& s, const std::function<void(const Record&)>& emit) {
    vmm::Monitor monitor({s.memory_size, s.quantum, s.max_steps}, 1);
    for (const Segment& seg : s.image->segments) monitor.load(0, seg.address, seg.bytes);
    CaptureSink console;
    vmm::Vm& vm = monitor.vms()[0];
    vm.cpu.devices.console.sink = &console;
    vm.cpu.devices.console.input = InputStream::from_bytes(s.input);
    monitor.reset(0, s.image->entry);
    Recorder recorder(vm.cpu.priv, emit);
    OneGuest observer(recorder);
    monitor.set_observer(&observer);
    monitor.run();
    return {console.text, vm.cpu.stop, vm.cpu.steps, vm.stats};
}

// Both runs again, keeping the records around `index`, for the report.
void report_at(const EquivalenceSetup& s, uint64_t index, EquivalenceResult& result) {
    auto keep = [index](std::vector<Record>& out) {
        return [&out, index, n = uint64_t{0}](const Record& r) mutable {
            if (n + kContext >= index && n <= index + kAfter) out.push_back(r);
            ++n;
        };
    };
    std::vector<Record>&a = result.context_bare, &b = result.context_vmm;
    run_bare(s, keep(a));
    run_monitored(s, keep(b));
    result.context_first = index > kContext ? index - kContext : 0;
    size_t at = first_divergence(a, b).value_or(std::min(a.size(), b.size()));
    result.report = divergence_report(a, b, at, "bare", "vmm ", kContext, result.context_first);
}

}  // namespace

uint64_t hash_record(const Record& r) {
    uint64_t h = mix(static_cast<uint64_t>(r.kind), r.step);
    h = mix(mix(mix(h, r.pc), r.word), r.system);
    for (const RegWrite& w : r.regs) h = mix(mix(mix(h, w.reg), w.old_value), w.new_value);
    for (const MemWrite& w : r.mems) h = mix(mix(mix(mix(mix(h, w.address), w.physical), w.size), w.old_value), w.new_value);
    for (const PortAccess& p : r.ports) h = mix(mix(mix(h, p.port), p.value), p.write);
    for (const CsrWrite& w : r.csrs) h = mix(mix(mix(h, static_cast<uint32_t>(w.csr)), w.old_value), w.new_value);
    return mix(mix(h, static_cast<uint64_t>(r.trap.cause)), r.trap.badaddr);
}

EquivalenceResult check_equivalence(const EquivalenceSetup& s) {
    EquivalenceResult result;
    std::vector<uint64_t> hashes;
    Outcome bare = run_bare(s, [&](const Record& r) {
        hashes.push_back(hash_record(r));
        if (r.kind == Record::Kind::Trap) ++result.bare_traps[static_cast<uint32_t>(r.trap.cause) & 31];
    });
    uint64_t n = 0, diverged = UINT64_MAX;
    Outcome vmm = run_monitored(s, [&](const Record& r) {
        if (diverged == UINT64_MAX && (n >= hashes.size() || hashes[n] != hash_record(r))) diverged = n;
        ++n;
    });
    if (diverged == UINT64_MAX && n != hashes.size()) diverged = n;  // the monitored trace is shorter
    result.records = hashes.size();
    result.console_bare = bare.console, result.console_vmm = vmm.console;
    result.stop_bare = bare.stop, result.stop_vmm = vmm.stop;
    result.steps_bare = bare.steps, result.steps_vmm = vmm.steps;
    result.stats = vmm.stats;
    if (diverged != UINT64_MAX) report_at(s, diverged, result);
    else if (bare.console != vmm.console) result.report = "console output differs\n";
    else if (bare.stop.reason != vmm.stop.reason || bare.stop.status != vmm.stop.status)
        result.report = "the runs end differently\n";
    result.equivalent = result.report.empty();
    return result;
}

}  // namespace trapvm::trace
