// Fuzzing the monitor: random guests, watched at every exit.
//
// The input drives the program generator (hardening/program.hpp) through
// ByteEntropy, so the guests are random programs with random privileged
// instructions, R values and raw words, in both virtual modes. One to three
// VMs run together with a random time slice, and a MonitorObserver checks
// after every exit, injection and before every directly run instruction:
//   the real CPU is in user mode while guest code runs;
//   the real R lies inside the running VM's region;
//   memory outside the running VM's region is unchanged, byte for byte;
//   the virtual CPU keeps PG32's invariants (r0, pc, psw bits);
//   fairness: no round handles more than a time slice of exits per VM (a
//   slice is `quantum` units of guest work, exits included), so no guest
//   keeps the others, or a stop request, waiting.
// The first guest is also run bare and under the monitor and the two
// traces compared (the differential oracle, on fuzzer-chosen programs).
#include "fuzz/harness.hpp"

#include "assembler/assembler.hpp"
#include "hardening/differential.hpp"
#include "vmm/monitor.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

namespace trapvm::fuzz {

namespace {

class Watch : public vmm::MonitorObserver, public Observer {
public:
    // One copy of all memory, kept up to date region by region: no
    // allocation per slice (slow under ASan, and slices can be 1 instruction).
    explicit Watch(const vmm::Monitor& m) : m_(m), snapshot_(m.machine().memory().begin(), m.machine().memory().end()) {}
    std::string problem;

    void scheduled(const vmm::Vm& vm) override {
        compare_others();  // nothing outside the last VM's region changed during its slice
        if (current_) {    // its own region did, legitimately
            const vmm::Region& r = current_->region;
            std::memcpy(snapshot_.data() + r.base, m_.machine().memory().data() + r.base, r.size);
        }
        current_ = &vm;
    }
    Observer* guest(const vmm::Vm&) override { return this; }
    void exited(const vmm::Vm& vm, const vmm::ExitEvent& e) override {
        check_vcpu(vm);
        compare_others();
        if (e.decision != vmm::Decision::Stopped && !inside(vm.region, e.real_rbase, e.real_rbound))
            fail("after an exit the real R is outside the VM's region");
    }
    void injected(const vmm::Vm& vm, pg32::Cause, uint32_t) override { check_vcpu(vm), compare_others(); }
    // Before every guest instruction the real CPU runs directly.
    bool before(uint32_t) override {
        const PrivRegs& real = m_.machine().priv();
        if (real.system_mode()) fail("guest code runs in real system mode");
        if (current_ && !inside(current_->region, real.rbase, real.rbound)) fail("guest code runs with R outside its region");
        return false;
    }

private:
    const vmm::Monitor& m_;
    const vmm::Vm* current_ = nullptr;
    std::vector<uint8_t> snapshot_;

    void fail(const std::string& what) {
        if (problem.empty()) problem = what;
    }
    static bool inside(const vmm::Region& r, uint32_t base, uint32_t bound) {
        return bound == 0 || (base >= r.base && uint64_t{base} + bound <= uint64_t{r.base} + r.size);
    }
    void check_vcpu(const vmm::Vm& vm) {
        const vmm::VirtualCpu& c = vm.cpu;
        if (c.regs[0] != 0) fail("a virtual r0 is not 0");
        if (c.pc % 4) fail("a virtual pc is not word-aligned");
        if ((c.priv.psw | c.priv.epsw) & ~3u) fail("a virtual psw or epsw has bits other than 0-1");
    }
    // Every byte outside the running VM's region is as it was.
    void compare_others() {
        if (!current_) return;
        std::span<const uint8_t> now = m_.machine().memory();
        const vmm::Region& r = current_->region;
        if (std::memcmp(now.data(), snapshot_.data(), r.base) != 0 ||
            std::memcmp(now.data() + r.base + r.size, snapshot_.data() + r.base + r.size, now.size() - r.base - r.size) != 0)
            fail(current_->name + " changed memory outside its region");
    }
};

// 32 KiB per VM holds a generated program (code, data at kDataBase, the
// save area below 0x8000) and keeps the byte-for-byte checks cheap.
constexpr uint32_t kVmMemory = 0x8000;

// Exits and injections so far: the monitor's work that is not direct execution.
uint64_t exits_and_injections(const vmm::Monitor& monitor) {
    vmm::ExitStats s = monitor.total_stats();
    uint64_t injected = 0;
    for (uint64_t n : s.injected) injected += n;
    return s.exits() + injected;
}

std::string run_watched(const std::vector<Image>& images, uint32_t quantum) {
    // Time slices of at least 50 instructions keep one input fast; the
    // differential check below covers the smallest slices.
    quantum = std::max(quantum, 50u);
    vmm::Monitor monitor({kVmMemory, quantum, 2000}, static_cast<int>(images.size()));
    std::vector<CaptureSink> consoles(images.size());
    for (size_t i = 0; i < images.size(); ++i) {
        for (const Segment& s : images[i].segments)
            if (!monitor.load(static_cast<int>(i), s.address, s.bytes)) return "";  // too big: not a monitor matter
        monitor.vms()[i].cpu.devices.console.sink = &consoles[i];
        monitor.reset(static_cast<int>(i), images[i].entry);
    }
    Watch watch(monitor);
    monitor.set_observer(&watch);
    try {
        uint64_t before = 0, fair = images.size() * (uint64_t{quantum} + 2);
        for (int round = 0; round < 100000 && watch.problem.empty() && monitor.run_round(); ++round) {
            uint64_t now = exits_and_injections(monitor);
            if (now - before > fair) return "unfair: one round handled " + std::to_string(now - before) + " exits";
            before = now;
        }
    } catch (const std::exception& e) {
        return std::string("the monitor threw: ") + e.what();
    }
    return watch.problem;
}

}  // namespace

std::string monitor_one(Bytes input) {
    hardening::ByteEntropy entropy(input);
    hardening::GenOptions options;
    options.max_items = 24;
    options.raw_word_percent = 15;
    int vms = 1 + static_cast<int>(entropy.below(3));
    std::vector<hardening::Program> programs;
    std::vector<Image> images;
    for (int i = 0; i < vms; ++i) {
        programs.push_back(hardening::generate(entropy, options));
        AssembleResult r = assemble_source(hardening::render(programs.back()), "guest.s");
        if (!r.ok()) return "a generated program does not assemble: " + r.diagnostics.at(0).message;
        images.push_back(std::move(*r.image));
    }
    if (std::string problem = run_watched(images, programs[0].quantum); !problem.empty()) return problem;
    hardening::Verdict v = hardening::check_program(programs[0], 3000);
    return v.ok ? "" : v.problem.substr(0, v.problem.find('\n'));
}

}  // namespace trapvm::fuzz
