// What the page shows of the engine's state (see engine.hpp): registers and
// privileged registers, the real side under the monitor, the instruction at
// pc and the memory it accesses, the console, the listing and the exits.
#include "image/disassembler.hpp"
#include "tools/outcome.hpp"
#include "vmm/allocator.hpp"
#include "web/api/engine.hpp"

namespace trapvm::web {

namespace {

// The console, up to this many bytes (the end of it): a longer one is cut.
constexpr size_t kShownConsole = 64 * 1024;

// The access the instruction at pc is about to make, if it loads or stores.
ordered_json access_json(const debug::World& w, int vm, const debug::CpuView& cpu, uint32_t word) {
    std::optional<pg32::Decoded> d = pg32::decode(word);
    if (!d || pg32::info(d->op).access_size == 0) return nullptr;
    uint32_t size = pg32::info(d->op).access_size;
    uint32_t address = cpu.regs[d->rs1] + static_cast<uint32_t>(d->imm);
    std::optional<uint32_t> physical = w.physical(vm, address, size);
    bool store = pg32::info(d->op).effects & pg32::kStore;
    return {{"address", address},
            {"size", size},
            {"store", store},
            {"physical", physical ? ordered_json(*physical) : ordered_json(nullptr)}};
}

ordered_json instruction_json(const debug::Session& s, int vm, const debug::CpuView& cpu) {
    const debug::World& w = s.world();
    std::optional<uint32_t> physical = w.physical(vm, cpu.pc, 4);
    std::optional<uint32_t> word = physical ? w.read(vm, *physical, 4) : std::nullopt;
    if (!word) return {{"pc", cpu.pc}, {"physical", nullptr}};
    return {{"pc", cpu.pc},
            {"physical", *physical},
            {"word", *word},
            {"asm", debug::disassembly(*word, cpu.pc, *physical == cpu.pc ? &s.image(vm) : nullptr)},
            {"label", s.symbols(vm).label(*physical)},
            {"source", s.symbols(vm).line(*physical)},
            {"access", access_json(w, vm, cpu, *word)}};
}

// Under the monitor: what the real CPU holds, the VM's region, and the real R
// the allocator composes from it and the guest's virtual mode and R.
ordered_json real_json(const vmm::Monitor& m, int vm) {
    const vmm::Vm& v = m.vms()[static_cast<size_t>(vm)];
    vmm::RealR r = vmm::compose_r(v.region, v.cpu.priv);
    const Machine& real = m.machine();
    return {{"cpu", cli::machine_state(real)},
            {"region", {{"base", v.region.base}, {"size", v.region.size}}},
            {"composed_r", {{"rbase", r.rbase}, {"rbound", r.rbound}}},
            {"memory_size", real.memory_size()}};
}

ordered_json stop_json(const debug::Session& s, int vm, const debug::CpuView& cpu) {
    if (cpu.running) return nullptr;
    cli::Outcome outcome = cli::outcome_of(cpu.stop, cpu.stop.reason == StopReason::Running, cpu.pc);
    return {{"stop", cli::to_json(outcome)},
            {"message", cli::describe(outcome, &s.image(vm), cpu.steps)},
            {"describe", s.describe_stop(vm)}};
}

}  // namespace

ordered_json Engine::state() const {
    if (!session_) return {{"loaded", false}};
    debug::Session& s = *session_;  // its timeline() and breakpoints() are not const
    int vm = s.vm();
    debug::CpuView cpu = s.world().cpu(vm);
    const std::string& console = tapes_[static_cast<size_t>(vm)]->text();
    size_t written = std::min<size_t>(console.size(), s.world().console(vm).bytes_written);
    size_t shown_from = written > kShownConsole ? written - kShownConsole : 0;
    ordered_json j{{"loaded", true},
                   {"vmm", s.under_monitor()},
                   {"vm", vm},
                   {"step", s.timeline().step(vm)},
                   {"position", s.timeline().position()},
                   {"frontier", s.timeline().frontier()},
                   {"at_end", s.timeline().at_end()},
                   {"running", cpu.running},
                   {"cpu", cli::cpu_state(cpu.pc, cpu.regs, cpu.priv, cpu.steps, cpu.ticks)},
                   {"end", stop_json(s, vm, cpu)},
                   {"insn", instruction_json(s, vm, cpu)},
                   {"console", console.substr(shown_from, written - shown_from)},
                   {"console_cut", shown_from},
                   {"memory_size", s.world().memory_size(vm)}};
    if (const vmm::Monitor* m = s.world().monitor()) j["real"] = real_json(*m, vm);
    ordered_json breaks = ordered_json::array();
    for (const debug::Breakpoint& b : s.breakpoints().list())
        breaks.push_back({{"number", b.number}, {"kind", b.kind_name()}, {"what", b.what}});
    j["breakpoints"] = breaks;
    return j;
}

ordered_json Engine::memory(uint32_t address, uint32_t count) const {
    if (!session_) return {{"error", "no program loaded"}};
    const debug::World& w = session_->world();
    int vm = session_->vm();
    std::string hex;
    static const char digits[] = "0123456789abcdef";
    for (uint64_t a = address; a < uint64_t{address} + count && a < w.memory_size(vm); ++a) {
        uint32_t byte = w.read(vm, static_cast<uint32_t>(a), 1).value_or(0);
        hex += digits[byte >> 4];
        hex += digits[byte & 15];
    }
    return {{"address", address}, {"hex", hex}, {"memory_size", w.memory_size(vm)}};
}

// Each word of each segment: address, word, disassembly, label, source line.
ordered_json Engine::listing() const {
    if (!session_) return {{"error", "no program loaded"}};
    const Image& image = session_->image(session_->vm());
    LabelIndex labels(image);
    ordered_json rows = ordered_json::array();
    for (const Segment& seg : image.segments)
        for (size_t at = 0; at + 4 <= seg.bytes.size(); at += 4) {
            uint32_t address = seg.address + static_cast<uint32_t>(at);
            uint32_t word = uint32_t{seg.bytes[at]} | uint32_t{seg.bytes[at + 1]} << 8 |
                            uint32_t{seg.bytes[at + 2]} << 16 | uint32_t{seg.bytes[at + 3]} << 24;
            const Symbol* label = labels.at(address);
            const LineInfo* line = image.line_at(address);
            rows.push_back({address, word, printable(disassemble_word(word, address, labels)),
                            label ? printable(label->name) : "", line ? static_cast<int>(line->file) : -1,
                            line ? static_cast<int>(line->line) : 0});
        }
    ordered_json files = ordered_json::array();
    for (const std::string& f : image.files) files.push_back(printable(f));
    return {{"rows", rows}, {"files", files}, {"sources", sources_}, {"entry", image.entry}};
}

ordered_json Engine::exits() const {
    ordered_json list = ordered_json::array();
    if (!session_ || !session_->world().monitor()) return {{"vms", list}};
    for (const vmm::Vm& vm : session_->world().monitor()->vms()) {
        ordered_json rows = ordered_json::array();
        for (const vmm::ExitStats::Row& r : vm.stats.rows()) rows.push_back({{"reason", r.reason}, {"count", r.count}});
        list.push_back({{"name", vm.name},
                        {"rows", rows},
                        {"exits", vm.stats.exits()},
                        {"direct", vm.stats.direct},
                        {"interpreted", vm.stats.interpreted},
                        {"efficiency", vm.stats.efficiency()},
                        {"table", vmm::format_stats(vm.name, vm.stats)}});
    }
    return {{"vms", list}};
}

}  // namespace trapvm::web
