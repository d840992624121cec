// Bare versus monitor on generated programs (see differential.hpp).
#include "hardening/differential.hpp"

#include "assembler/assembler.hpp"
#include "hardening/shrink.hpp"
#include "properties/equivalence.hpp"
#include "trace/recorder.hpp"
#include "vmm/monitor.hpp"

#include <memory>

namespace trapvm::hardening {

namespace {

// The bare run's records, as hashes; with fresh_decode, every instruction
// is decoded afresh (its pre-decoded slot, and tvec's, forgotten before each
// step), as a machine without pre-decoding would run it.
std::vector<uint64_t> bare_hashes(const Image& image, const std::string& input, uint64_t max_steps, bool fresh_decode) {
    Machine m(MachineConfig{kMemorySize});
    for (const Segment& s : image.segments) m.load(s.address, s.bytes);
    m.reset(image.entry);
    CaptureSink console;
    m.devices().console.sink = &console;
    m.devices().console.input = InputStream::from_bytes(input);
    std::vector<uint64_t> hashes;
    trace::Recorder recorder(m.priv(), [&](const trace::Record& r) { hashes.push_back(properties::hash_record(r)); });
    while (!m.stopped() && m.steps() < max_steps) {
        if (!fresh_decode) {
            m.run(max_steps - m.steps(), recorder);
            continue;
        }
        if (std::optional<uint32_t> at = m.translate(m.pc(), 4)) m.forget_decoded(*at);
        m.forget_decoded(m.priv().tvec);
        m.run(1, recorder);
    }
    hashes.push_back(static_cast<uint64_t>(m.stop().reason) ^ m.stop().status << 8);
    return hashes;
}

// The decode-cache oracle: the machine with and without pre-decoded
// instructions must run the program the same, step for step (a stale slot,
// or one shared by two different words, shows at once).
std::string check_decode_cache(const Image& image, const std::string& input, uint64_t max_steps) {
    std::vector<uint64_t> cached = bare_hashes(image, input, max_steps, false);
    std::vector<uint64_t> fresh = bare_hashes(image, input, max_steps, true);
    if (cached == fresh) return "";
    size_t at = 0;
    while (at < cached.size() && at < fresh.size() && cached[at] == fresh[at]) ++at;
    return "the pre-decoded run differs from one that decodes every instruction afresh, at record " +
           std::to_string(at) + "\n";
}

// How one VM of a monitored run ended, and what it printed.
struct VmEnd {
    vmm::VirtualCpu cpu;
    vmm::ExitStats stats;
    bool step_limit = false;
    std::string console;
};

// The program and the ones beside it under one monitor, watched by an
// observer that watches nothing (so every exit returns from run()) or by
// nobody (so the monitor handles exits and budget ends in place).
std::vector<VmEnd> run_monitored(const std::vector<Image>& images, const Program& program, uint64_t max_steps,
                                 vmm::Technique technique, bool watched) {
    vmm::Monitor monitor(
        {.vm_memory_size = kMemorySize, .quantum = program.quantum, .max_steps = max_steps, .technique = technique},
        static_cast<int>(images.size()));
    std::vector<std::unique_ptr<CaptureSink>> consoles;
    for (size_t i = 0; i < images.size(); ++i) {
        for (const Segment& seg : images[i].segments) monitor.load(static_cast<int>(i), seg.address, seg.bytes);
        vmm::Vm& vm = monitor.vms()[i];
        consoles.push_back(std::make_unique<CaptureSink>());
        vm.cpu.devices.console.sink = consoles.back().get();
        vm.cpu.devices.console.input = InputStream::from_bytes(i == 0 ? program.input : program.beside[i - 1].input);
        monitor.reset(static_cast<int>(i), images[i].entry);
    }
    vmm::MonitorObserver nobody;
    if (watched) monitor.set_observer(&nobody);
    monitor.run();
    std::vector<VmEnd> ends;
    for (size_t i = 0; i < images.size(); ++i) {
        const vmm::Vm& vm = monitor.vms()[i];
        ends.push_back({vm.cpu, vm.stats, vm.step_limit, consoles[i]->text});
    }
    return ends;
}

// What differs between two ends of the same VM, or "".
std::string end_difference(const VmEnd& a, const VmEnd& b) {
    if (a.cpu.regs != b.cpu.regs) return "its registers";
    if (a.cpu.pc != b.cpu.pc) return "its pc";
    if (!(a.cpu.priv == b.cpu.priv)) return "its privileged registers";
    if (a.cpu.steps != b.cpu.steps || a.cpu.ticks != b.cpu.ticks) return "its steps or virtual time";
    if (a.cpu.devices.timer.next != b.cpu.devices.timer.next ||
        a.cpu.devices.timer.pending != b.cpu.devices.timer.pending)
        return "its virtual timer";
    if (a.cpu.stop.reason != b.cpu.stop.reason || a.cpu.stop.pc != b.cpu.stop.pc ||
        a.cpu.stop.status != b.cpu.stop.status || a.cpu.stop.message != b.cpu.stop.message)
        return "how it stopped";
    if (a.step_limit != b.step_limit) return "whether it reached the step limit";
    if (!(a.stats == b.stats)) return "its exit statistics";
    if (a.console != b.console) return "its console output";
    return "";
}

// The exits-in-place oracle: with nobody watching, the monitor handles
// exits and budget ends inside the machine's run loop (vmm/monitor.cpp);
// every VM must end exactly as when each exit returns from run().
std::string check_in_place(const std::vector<Image>& images, const Program& program, uint64_t max_steps,
                           vmm::Technique technique) {
    std::vector<VmEnd> fast = run_monitored(images, program, max_steps, technique, false);
    std::vector<VmEnd> slow = run_monitored(images, program, max_steps, technique, true);
    for (size_t i = 0; i < fast.size(); ++i)
        if (std::string what = end_difference(fast[i], slow[i]); !what.empty())
            return "vm" + std::to_string(i) + " differs in " + what +
                   " when nobody watches (exits in place) from when every exit returns from run()\n";
    return "";
}

// The program's image, or nothing with the assembler's messages in *problem.
std::optional<Image> assemble(const Program& program, std::string* problem) {
    AssembleResult assembled = assemble_source(render(program), "generated.s");
    if (assembled.ok()) return std::move(*assembled.image);
    *problem = "does not assemble (a generator bug):\n";
    for (const Diagnostic& d : assembled.diagnostics) *problem += format_diagnostic(d);
    return std::nullopt;
}

}  // namespace

Verdict check_program(const Program& program, uint64_t max_steps, vmm::Technique technique) {
    Verdict v;
    std::vector<Image> images;
    for (const Program* p : [&] {
             std::vector<const Program*> all{&program};
             for (const Program& b : program.beside) all.push_back(&b);
             return all;
         }()) {
        std::optional<Image> image = assemble(*p, &v.problem);
        if (!image) {
            v.ok = false;
            return v;
        }
        images.push_back(std::move(*image));
    }
    properties::EquivalenceSetup setup;
    setup.image = &images[0];
    setup.memory_size = kMemorySize;
    setup.input = program.input;
    setup.max_steps = max_steps;
    setup.quantum = program.quantum;
    setup.technique = technique;
    for (size_t i = 1; i < images.size(); ++i) setup.beside.push_back({&images[i], program.beside[i - 1].input});
    properties::EquivalenceResult r = properties::check_equivalence(setup);
    v.steps = r.steps_bare;
    v.stop = r.stop_bare;
    if (!r.equivalent || r.steps_bare != r.steps_vmm) {
        v.ok = false;
        v.problem = "not equivalent: " + (r.report.empty() ? "the step counts differ\n" : r.report);
    } else if (std::string in_place = check_in_place(images, program, max_steps, technique); !in_place.empty()) {
        v.ok = false;
        v.problem = "exits in place: " + in_place;
    } else if (technique != vmm::Technique::TrapAndEmulate) {
        return v;
    } else if (std::string problem = check_decode_cache(images[0], program.input, max_steps); !problem.empty()) {
        v.ok = false;
        v.problem = "decode cache: " + problem;
    }
    return v;
}

std::optional<Failure> check_seed(uint64_t seed, const GenOptions& options, vmm::Technique technique) {
    SeededEntropy entropy(seed);
    Program program = generate(entropy, options);
    Verdict verdict = check_program(program, kMaxSteps, technique);
    if (verdict.ok) return std::nullopt;
    Failure f;
    f.seed = seed;
    f.verdict = verdict;
    f.original_items = item_count(program);
    // The same kind of failure must remain: a shrunk program that merely
    // fails to assemble would hide the real problem.
    bool assembly_problem = verdict.problem.starts_with("does not assemble");
    ShrinkResult s = shrink(program, [&](const Program& p) {
        Verdict v = check_program(p, kMaxSteps, technique);
        return !v.ok && v.problem.starts_with("does not assemble") == assembly_problem;
    });
    f.shrunk = s.program;
    f.shrink_attempts = s.attempts;
    f.assembly = render(s.program);
    f.shrunk_problem = check_program(s.program, kMaxSteps, technique).problem;
    return f;
}

std::string describe(const Failure& f) {
    std::string text = "seed " + std::to_string(f.seed) + ": " + f.verdict.problem + "\nshrunk in " +
                       std::to_string(f.shrink_attempts) + " attempts from " + std::to_string(f.original_items) +
                       " to " + std::to_string(item_count(f.shrunk)) + " items:\n" + f.shrunk_problem +
                       "\n---- minimal program (PG32 assembly) ----\n" + f.assembly + "---- end ----\n";
    for (size_t i = 0; i < f.shrunk.beside.size(); ++i)
        text += "---- run beside it, as vm" + std::to_string(i + 1) + " ----\n" + render(f.shrunk.beside[i]) +
                "---- end ----\n";
    return text;
}

}  // namespace trapvm::hardening
