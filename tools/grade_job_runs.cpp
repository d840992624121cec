// The runs of `trapvm grade-job`, one per kind of test (see grade_job_runs.hpp).
#include "tools/grade_job_runs.hpp"

#include "grader/job.hpp"
#include "grader/trace_properties.hpp"
#include "properties/efficiency.hpp"
#include "properties/equivalence.hpp"
#include "properties/resource_control.hpp"
#include "tools/outcome.hpp"
#include "tools/program.hpp"
#include "trace/annotate.hpp"
#include "trace/diff.hpp"
#include "vmm/monitor.hpp"
#include "vmm/technique.hpp"

namespace trapvm::cli {

namespace {

json registers_json(const Registers& regs) {
    json out = json::object();
    for (const pg32::RegisterInfo& r : pg32::kRegisters) out[r.names[0]] = regs[r.number];
    return out;
}

json csrs_json(const PrivRegs& priv) {
    json out = json::object();
    for (const pg32::CsrInfo& c : pg32::kCsrs) out[c.name] = priv.read(c.value);
    return out;
}

// The memory words a case asks for; read(address) gives a word, or nothing
// outside memory.
template <class Read> json memory_json(const CheckCase& c, const Read& read) {
    json out = json::array();
    if (!c.spec.contains("memory")) return out;
    for (const json& m : c.spec["memory"]) {
        std::string at = m.value("at", "");
        json entry = {{"at", at}};
        std::optional<uint64_t> address = parse_count(at);
        if (const Symbol* s = c.images[0].find_symbol(at)) address = s->value;
        if (!address) {
            entry["error"] = "the program has no label '" + printable(at) + "'";
            out.push_back(entry);
            continue;
        }
        entry["address"] = *address;
        json words = json::array();
        uint64_t count = std::min<uint64_t>(m.value("words", 1), 4096);
        for (uint64_t i = 0; i < count; ++i) {
            std::optional<uint32_t> w = read(*address + 4 * i);
            if (!w) {
                entry["error"] = "address " + std::to_string(*address + 4 * i) + " is outside memory";
                break;
            }
            words.push_back(*w);
        }
        entry["words"] = words;
        out.push_back(entry);
    }
    return out;
}

void outcome_facts(const Outcome& o, const Image& image, uint64_t steps, const std::string& console, json& facts) {
    facts["stop"] = to_json(o);
    facts["status"] = exit_status(o);
    facts["message"] = describe(o, &image, steps);
    facts["stdout"] = grader::bytes_to_text(console);
    facts["steps"] = steps;
}

// A bare run of c's first program, watched by observer when there is one.
void run_bare(const CheckCase& c, json& facts, Observer* observer, Machine& machine) {
    std::string error;
    if (!install(machine, c.images[0], &error)) return void(facts["error"] = error);
    CaptureSink console;
    OutputBudget budget{c.max_output};
    machine.devices().console.sink = &console;
    machine.devices().console.budget = &budget;
    machine.devices().console.input = InputStream::from_bytes(c.input);
    if (observer) machine.run(c.max_steps, *observer);
    else machine.run(c.max_steps);
    Outcome o = outcome_of(machine, !machine.stopped());
    outcome_facts(o, c.images[0], machine.steps(), console.text, facts);
    facts["regs"] = registers_json(machine.regs());
    facts["csrs"] = csrs_json(machine.priv());
    facts["memory"] = memory_json(c, [&](uint64_t a) {
        return a > UINT32_MAX ? std::nullopt : machine.read_physical(static_cast<uint32_t>(a), 4);
    });
    facts["metrics"] = {{"steps", machine.steps()}, {"exits", 0}, {"emulated", 0}};
}

void run_monitored(const CheckCase& c, json& facts) {
    if (uint64_t{c.mem_size} * c.images.size() > kMaxMemorySize)
        return void(facts["error"] = "the VMs need more than 256M of memory together (mem_size)");
    vmm::Monitor monitor(
        {.vm_memory_size = c.mem_size, .quantum = c.quantum, .max_steps = c.max_steps, .technique = c.technique},
        static_cast<int>(c.images.size()));
    std::vector<CaptureSink> consoles(c.images.size());
    OutputBudget budget{c.max_output};
    for (size_t i = 0; i < c.images.size(); ++i) {
        vmm::Vm& vm = monitor.vms()[i];
        vm.cpu.devices.console.sink = &consoles[i];
        vm.cpu.devices.console.budget = &budget;
        vm.cpu.devices.console.input = InputStream::from_bytes(c.input);
        for (const Segment& s : c.images[i].segments)
            if (!monitor.load(static_cast<int>(i), s.address, s.bytes))
                return void(facts["error"] = "program " + std::to_string(i + 1) + " does not fit in its VM's memory");
        monitor.reset(static_cast<int>(i), c.images[i].entry);
    }
    while (!budget.exceeded && monitor.run_round()) {
    }
    const vmm::Vm& vm = monitor.vms()[0];
    Outcome o = outcome_of(vm.cpu.stop, vm.step_limit, vm.cpu.pc, vm.cpu.priv);
    if (budget.exceeded && vm.running()) o = output_limit(o);
    std::string all;
    for (const CaptureSink& s : consoles) all += s.text;  // several VMs: their outputs one after another
    outcome_facts(o, c.images[0], vm.cpu.steps, c.images.size() == 1 ? consoles[0].text : all, facts);
    facts["regs"] = registers_json(vm.cpu.regs);
    facts["csrs"] = csrs_json(vm.cpu.priv);
    facts["memory"] = memory_json(c, [&](uint64_t a) -> std::optional<uint32_t> {
        if (a + 4 > vm.region.size) return std::nullopt;
        return monitor.machine().read_physical(static_cast<uint32_t>(vm.region.base + a), 4);
    });
    vmm::ExitStats s = monitor.total_stats();
    facts["metrics"] = {{"steps", vm.cpu.steps}, {"exits", s.exits()}, {"emulated", s.interpreted}};
}

properties::EquivalenceResult equivalence_of(const CheckCase& c) {
    properties::EquivalenceSetup setup;
    setup.image = &c.images[0];
    setup.memory_size = c.mem_size;
    setup.input = c.input;
    setup.max_steps = c.max_steps;
    setup.quantum = c.quantum;
    setup.technique = c.technique;
    return properties::check_equivalence(setup);
}

// The first record where the runs differ, as `trapvm diff` numbers it (the
// bare run's step) with the instruction there: what a student reads off
// the diff and names in an answers file.
json first_divergence(const properties::EquivalenceResult& r) {
    const std::vector<trace::Record>&a = r.context_bare, &b = r.context_vmm;
    for (size_t k = 0; k < std::max(a.size(), b.size()); ++k) {
        if (k < a.size() && k < b.size() && properties::hash_record(a[k]) == properties::hash_record(b[k])) continue;
        const trace::Record& at = k < a.size() ? a[k] : b[k];
        std::optional<pg32::Decoded> d = pg32::decode(at.word);
        bool step = at.kind == trace::Record::Kind::Step;
        return {{"step", at.step},
                {"pc", at.pc},
                {"trap", !step},
                {"mnemonic", step && d ? pg32::info(d->op).mnemonic : ""}};
    }
    return nullptr;
}

// The divergence as `trapvm diff --bare-vs-vmm` shows it: records around
// it, with symbols and source lines in system mode.
std::vector<trace::Event> events_of(const std::vector<trace::Record>& records, const Image& image) {
    trace::Annotator annotator(&image);
    std::vector<trace::Event> events;
    for (const trace::Record& r : records) {
        trace::Event e;
        e.type = r.kind == trace::Record::Kind::Step ? trace::Event::Type::Step : trace::Event::Type::Trap;
        e.record = r;
        annotator.annotate(e, r.pc);
        if (!r.system) e.symbol = e.source = "";
        events.push_back(std::move(e));
    }
    return events;
}

std::string divergence_report(const properties::EquivalenceResult& r, const Image& image) {
    if (r.context_bare.empty() && r.context_vmm.empty()) return "the runs differ: " + r.report;
    trace::EventList a(events_of(r.context_bare, image)), b(events_of(r.context_vmm, image));
    std::string report = trace::diff({a, "bare", trace::TextFormat(false, false)},
                                     {b, "vmm", trace::TextFormat(true, false)}, 3, r.context_first)
                             .report;
    // A monitored run that ended with a message (a monitor error, a stub not
    // written yet) says why its trace ends.
    if (!r.stop_vmm.message.empty()) report += "the run under the monitor stopped: " + r.stop_vmm.message + "\n";
    return report;
}

}  // namespace

void check_run(const CheckCase& c, json& facts) {
    if (c.spec.value("vmm", false) || c.images.size() > 1) return run_monitored(c, facts);
    Machine machine(MachineConfig{c.mem_size});
    run_bare(c, facts, nullptr, machine);
}

void check_trace(const CheckCase& c, const std::vector<std::string>& properties, json& facts) {
    Machine machine(MachineConfig{c.mem_size});
    grader::TraceProperties watch(machine, c.images[0], properties);
    run_bare(c, facts, &watch, machine);
    json verdicts = json::array();
    for (const grader::PropertyVerdict& v : watch.verdicts())
        verdicts.push_back({{"name", v.name}, {"holds", v.holds}, {"problem", v.problem}, {"checked", v.checked}});
    if (std::find(properties.begin(), properties.end(), "no-innocuous-exits") != properties.end()) {
        properties::EfficiencyVerdict e = properties::check_efficiency(equivalence_of(c));
        std::string problem = e.problems.empty() ? "" : e.problems[0];
        verdicts.push_back(
            {{"name", "no-innocuous-exits"}, {"holds", e.holds}, {"problem", problem}, {"checked", e.exits}});
    }
    facts["properties"] = verdicts;
}

void check_equivalence(const CheckCase& c, json& facts) {
    properties::EquivalenceResult r = equivalence_of(c);
    facts["equivalence"] = {{"equivalent", r.equivalent},
                            {"records", r.records},
                            {"report", r.equivalent ? "" : divergence_report(r, c.images[0])},
                            {"first_divergence", r.equivalent ? json(nullptr) : first_divergence(r)}};
    facts["stdout"] = grader::bytes_to_text(r.console_vmm);
    facts["metrics"] = {{"steps", r.steps_vmm}, {"exits", r.stats.exits()}, {"emulated", r.stats.interpreted}};
}

void check_resource_control(const CheckCase& c, json& facts) {
    properties::ResourceControlSetup setup;
    for (const Image& image : c.images) setup.images.push_back(&image);
    setup.vm_memory_size = c.mem_size;
    setup.quantum = c.quantum;
    setup.max_steps = c.max_steps;
    properties::ResourceControlVerdict v = properties::check_resource_control(setup);
    facts["resource_control"] = {{"holds", v.holds}, {"problem", v.problem}};
    facts["metrics"] = {
        {"exits", v.stats.exits()}, {"emulated", v.stats.interpreted}, {"steps", v.stats.direct + v.stats.interpreted}};
}

void check_efficiency(const CheckCase& c, json& facts) {
    properties::EquivalenceResult r = equivalence_of(c);
    properties::EfficiencyVerdict v = properties::check_efficiency(r);
    facts["efficiency"] = {{"holds", v.holds}, {"problems", v.problems}, {"direct_share", v.direct_share}};
    facts["equivalence"] = {{"equivalent", r.equivalent},
                            {"records", r.records},
                            {"report", r.equivalent ? "" : divergence_report(r, c.images[0])}};
    facts["metrics"] = {{"steps", r.steps_vmm}, {"exits", r.stats.exits()}, {"emulated", r.stats.interpreted}};
}

}  // namespace trapvm::cli
