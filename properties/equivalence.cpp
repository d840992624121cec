// Bare versus monitored runs, record by record (see equivalence.hpp).
//
// With companions, every VM is compared with its own bare run: several
// guests under one monitor must each see exactly what they would alone.
#include "properties/equivalence.hpp"

#include "trace/compare.hpp"
#include "trace/recorder.hpp"
#include "vmm/monitor.hpp"

#include <algorithm>
#include <deque>
#include <memory>

namespace trapvm::properties {

using trace::CsrWrite;
using trace::MemWrite;
using trace::PortAccess;
using trace::Record;
using trace::Recorder;
using trace::RegWrite;

namespace {

constexpr size_t kContext = 4;  // records kept before a divergence
constexpr size_t kAfter = 2;    // and after it

uint64_t mix(uint64_t h, uint64_t v) {
    h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    return h * 0xff51afd7ed558ccdull;
}

// How one guest's run ended, and what it printed.
struct GuestRun {
    std::string console;
    Stop stop;
    uint64_t steps = 0;
    vmm::ExitStats stats;
};

using Emit = std::function<void(const Record&)>;

// The guests of a setup: the one checked, then its companions.
std::vector<Companion> guests_of(const EquivalenceSetup& s) {
    std::vector<Companion> guests{{s.image, s.input}};
    guests.insert(guests.end(), s.beside.begin(), s.beside.end());
    return guests;
}

// One guest alone on the bare machine; each record goes to `emit`.
GuestRun run_bare(const EquivalenceSetup& s, const Companion& g, const Emit& emit) {
    Machine m(MachineConfig{s.memory_size});
    for (const Segment& seg : g.image->segments) m.load(seg.address, seg.bytes);
    m.reset(g.image->entry);
    CaptureSink console;
    m.devices().console.sink = &console;
    m.devices().console.input = InputStream::from_bytes(g.input);
    Recorder recorder(m.priv(), emit);
    while (!m.stopped() && m.steps() < s.max_steps) m.run(s.max_steps - m.steps(), recorder);
    return {console.text, m.stop(), m.steps(), {}};
}

// Each VM's guest view, for the monitor's observer interface.
class Guests : public vmm::MonitorObserver {
public:
    void add(std::unique_ptr<Recorder> r) { recorders_.push_back(std::move(r)); }
    Observer* guest(const vmm::Vm& vm) override { return recorders_[static_cast<size_t>(vm.id)].get(); }

private:
    std::vector<std::unique_ptr<Recorder>> recorders_;
};

// All guests under one monitor; VM i's records go to emit[i].
std::vector<GuestRun> run_monitored(const EquivalenceSetup& s, const std::vector<Emit>& emit) {
    std::vector<Companion> guests = guests_of(s);
    vmm::Monitor monitor(
        {.vm_memory_size = s.memory_size, .quantum = s.quantum, .max_steps = s.max_steps, .technique = s.technique},
        static_cast<int>(guests.size()));
    std::vector<CaptureSink> consoles(guests.size());
    Guests observer;
    for (size_t i = 0; i < guests.size(); ++i) {
        for (const Segment& seg : guests[i].image->segments) monitor.load(static_cast<int>(i), seg.address, seg.bytes);
        vmm::Vm& vm = monitor.vms()[i];
        vm.cpu.devices.console.sink = &consoles[i];
        vm.cpu.devices.console.input = InputStream::from_bytes(guests[i].input);
        monitor.reset(static_cast<int>(i), guests[i].image->entry);
        observer.add(std::make_unique<Recorder>(vm.cpu.priv, emit[i]));
    }
    monitor.set_observer(&observer);
    monitor.run();
    std::vector<GuestRun> out;
    for (size_t i = 0; i < guests.size(); ++i) {
        const vmm::Vm& vm = monitor.vms()[i];
        out.push_back({consoles[i].text, vm.cpu.stop, vm.cpu.steps, vm.stats});
    }
    return out;
}

// Both runs of VM `vm` again, keeping the records around `index`, for the report.
void report_at(const EquivalenceSetup& s, size_t vm, uint64_t index, EquivalenceResult& result) {
    auto keep = [index](std::vector<Record>& out) -> Emit {
        return [&out, index, n = uint64_t{0}](const Record& r) mutable {
            if (n + kContext >= index && n <= index + kAfter) out.push_back(r);
            ++n;
        };
    };
    std::vector<Record>&a = result.context_bare, &b = result.context_vmm;
    run_bare(s, guests_of(s)[vm], keep(a));
    std::vector<Emit> emit(guests_of(s).size(), [](const Record&) {});
    emit[vm] = keep(b);
    run_monitored(s, emit);
    result.context_first = index > kContext ? index - kContext : 0;
    size_t at = trace::first_divergence(a, b).value_or(std::min(a.size(), b.size()));
    std::string who = vm == 0 ? "" : "vm" + std::to_string(vm) + " (run beside vm0): ";
    result.report = who + trace::divergence_report(a, b, at, "bare", "vmm ", kContext, result.context_first);
}

// One VM's comparison: the bare run's hashes, then the monitored run on the fly.
struct Check {
    std::vector<uint64_t> hashes;
    uint64_t n = 0, diverged = UINT64_MAX;
    void see(const Record& r) {
        if (diverged == UINT64_MAX && (n >= hashes.size() || hashes[n] != hash_record(r))) diverged = n;
        ++n;
    }
    void finish() {
        if (diverged == UINT64_MAX && n != hashes.size()) diverged = n;  // the monitored trace is shorter
    }
};

// Why VM `vm`'s two runs differ, or "".
std::string difference(const GuestRun& bare, const GuestRun& vmm) {
    if (bare.console != vmm.console) return "console output differs\n";
    if (bare.stop.reason != vmm.stop.reason || bare.stop.status != vmm.stop.status) return "the runs end differently\n";
    return "";
}

// Where two console outputs first differ, as a person finds it.
std::string output_difference(const std::string& bare, const std::string& vmm) {
    size_t at = 0;
    while (at < bare.size() && at < vmm.size() && bare[at] == vmm[at]) ++at;
    size_t line = 1 + static_cast<size_t>(std::count(bare.begin(), bare.begin() + static_cast<long>(at), '\n'));
    size_t start = bare.rfind('\n', at ? at - 1 : 0);
    start = start == std::string::npos || at == 0 ? 0 : start + 1;
    auto shown = [&](const std::string& s) {
        return at >= s.size() ? std::string("the end of the output") : "\"" + s.substr(at, 40) + "\"";
    };
    return "console output differs at byte " + std::to_string(at) + " (line " + std::to_string(line) + ", column " +
           std::to_string(at - start + 1) + "): bare " + shown(bare) + ", vmm " + shown(vmm) + "\n";
}

// The bare run of s.image against the monitored run of s.vmm_image: output
// and end only, since their instruction streams differ.
EquivalenceResult check_output_equivalence(const EquivalenceSetup& s) {
    EquivalenceResult result;
    auto nothing = [](const Record&) {};
    GuestRun bare = run_bare(s, guests_of(s)[0], nothing);
    EquivalenceSetup monitored = s;
    monitored.image = s.vmm_image;
    std::vector<Emit> emit(guests_of(monitored).size(), nothing);
    GuestRun vmm = run_monitored(monitored, emit)[0];
    result.console_bare = bare.console, result.console_vmm = vmm.console;
    result.stop_bare = bare.stop, result.stop_vmm = vmm.stop;
    result.steps_bare = bare.steps, result.steps_vmm = vmm.steps;
    result.stats = vmm.stats;
    if (bare.console != vmm.console) result.report = output_difference(bare.console, vmm.console);
    else result.report = difference(bare, vmm);
    result.equivalent = result.report.empty();
    if (!result.equivalent) result.diverging_vm = 0;
    return result;
}

}  // namespace

uint64_t hash_record(const Record& r) {
    uint64_t h = mix(static_cast<uint64_t>(r.kind), r.step);
    h = mix(mix(mix(h, r.pc), r.word), r.system);
    for (const RegWrite& w : r.regs) h = mix(mix(mix(h, w.reg), w.old_value), w.new_value);
    for (const MemWrite& w : r.mems)
        h = mix(mix(mix(mix(mix(h, w.address), w.physical), w.size), w.old_value), w.new_value);
    for (const PortAccess& p : r.ports) h = mix(mix(mix(h, p.port), p.value), p.write);
    for (const CsrWrite& w : r.csrs) h = mix(mix(mix(h, static_cast<uint32_t>(w.csr)), w.old_value), w.new_value);
    return mix(mix(h, static_cast<uint64_t>(r.trap.cause)), r.trap.badaddr);
}

EquivalenceResult check_equivalence(const EquivalenceSetup& s) {
    if (s.vmm_image) return check_output_equivalence(s);
    EquivalenceResult result;
    std::vector<Companion> guests = guests_of(s);
    std::vector<Check> checks(guests.size());
    std::vector<GuestRun> bare;
    for (size_t i = 0; i < guests.size(); ++i)
        bare.push_back(run_bare(s, guests[i], [&, i](const Record& r) {
            checks[i].hashes.push_back(hash_record(r));
            if (i == 0 && r.kind == Record::Kind::Trap) ++result.bare_traps[static_cast<uint32_t>(r.trap.cause)];
        }));
    std::vector<Emit> emit;
    for (Check& c : checks) emit.push_back([&c](const Record& r) { c.see(r); });
    std::vector<GuestRun> vmm = run_monitored(s, emit);
    result.records = checks[0].hashes.size();
    result.console_bare = bare[0].console, result.console_vmm = vmm[0].console;
    result.stop_bare = bare[0].stop, result.stop_vmm = vmm[0].stop;
    result.steps_bare = bare[0].steps, result.steps_vmm = vmm[0].steps;
    result.stats = vmm[0].stats;
    for (size_t i = 0; i < guests.size() && result.report.empty(); ++i) {
        checks[i].finish();
        if (checks[i].diverged != UINT64_MAX) report_at(s, i, checks[i].diverged, result);
        else if (std::string d = difference(bare[i], vmm[i]); !d.empty())
            result.report = (i ? "vm" + std::to_string(i) + ": " : "") + d;
        if (!result.report.empty()) result.diverging_vm = static_cast<int>(i);
    }
    result.equivalent = result.report.empty();
    return result;
}

}  // namespace trapvm::properties
