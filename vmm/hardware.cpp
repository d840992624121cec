// The hardware technique's VM exits (vmm/README.md, "Techniques"): hardware
// assist in the manner of Intel VT-x and AMD-V.
//
// On a profile with the guest-mode extension (vt, isa-spec/tables/profiles.tbl)
// the monitor runs the guest directly as trap-and-emulate does, but in guest
// mode (run_directly() enters it before every run; the machine leaves it at
// every exit). There every sensitive instruction traps although it is not
// privileged: a PRIVILEGED exit whose instruction is unprivileged is such a
// sensitive-instruction exit, whatever the virtual mode. The monitor runs the
// instruction on the virtual CPU with interpret_one() (hybrid.hpp: the
// machine's own semantics; rdpsw reads the virtual psw, rdrbase the virtual
// R), counts it in ExitStats::sensitive_exits, and resumes the guest. Every
// other exit goes to the dispatcher, as under trap-and-emulate.
#include "vmm/allocator.hpp"
#include "vmm/hybrid.hpp"
#include "vmm/monitor.hpp"

#include <optional>
#include <vector>

namespace trapvm::vmm {

namespace {

// The guest's events while the monitor runs the exited instruction: the
// observer was already asked before it (the machine asked, then the
// instruction trapped), so it is not asked again.
class AlreadyAsked : public Observer {
public:
    explicit AlreadyAsked(Observer& guest) : guest_(guest) {}
    bool before(uint32_t pc) override { return (void)pc, false; }
    void register_written(int r, uint32_t old_value, uint32_t new_value) override {
        guest_.register_written(r, old_value, new_value);
    }
    void memory_written(uint32_t address, uint32_t physical, int size, uint32_t old_value,
                        uint32_t new_value) override {
        guest_.memory_written(address, physical, size, old_value, new_value);
    }
    void csr_written(pg32::Csr csr, uint32_t old_value, uint32_t new_value) override {
        guest_.csr_written(csr, old_value, new_value);
    }
    void port_accessed(uint32_t port, uint32_t value, bool is_write) override {
        guest_.port_accessed(port, value, is_write);
    }
    void retired(uint32_t pc, uint32_t word) override { guest_.retired(pc, word); }
    void trapped(const Trap& trap, uint32_t epc, bool to_monitor) override { guest_.trapped(trap, epc, to_monitor); }

private:
    Observer& guest_;
};

// The instruction a PRIVILEGED exit stopped at, when it is one guest mode
// alone makes trap: sensitive, not privileged, and the word the machine
// reported. Nothing for a privileged instruction (the dispatcher's).
std::optional<Insn> sensitive_insn(Machine& machine, const Vm& vm, const Trap& exit) {
    if (exit.cause != pg32::Cause::Privileged) return std::nullopt;
    RealR r = compose_r(vm.region, vm.cpu.priv);  // where the guest's pc really is, in either virtual mode
    if (vm.cpu.pc % 4 || uint64_t{vm.cpu.pc} + 4 > r.rbound) return std::nullopt;
    uint64_t physical = uint64_t{r.rbase} + vm.cpu.pc;
    if (physical + 4 > machine.memory_size()) return std::nullopt;
    if (machine.read_physical(static_cast<uint32_t>(physical), 4) != exit.badaddr) return std::nullopt;
    std::optional<Insn> insn = machine.instruction_at(static_cast<uint32_t>(physical));
    if (!insn || pg32::is_privileged(insn->instruction()) || !pg32::is_sensitive(insn->instruction()))
        return std::nullopt;
    return insn;
}

std::vector<CsrChange> changes_between(const PrivRegs& before, const PrivRegs& after) {
    std::vector<CsrChange> changes;
    for (const pg32::CsrInfo& c : pg32::kCsrs)
        if (before.read(c.value) != after.read(c.value))
            changes.push_back({c.value, before.read(c.value), after.read(c.value)});
    return changes;
}

}  // namespace

// A sensitive-instruction exit: true when it was one (and is handled). It
// costs a unit of guest work, like an emulated instruction; a trap the
// instruction raises (jrst to a misaligned target) is the dispatcher's.
bool Monitor::sensitive_exit(Vm& vm, const Trap& exit) {
    std::optional<Insn> insn = sensitive_insn(machine_, vm, exit);
    if (!insn) return false;
    ExitEvent event{.trap = exit, .pc = vm.cpu.pc, .virtual_system = vm.cpu.system_mode()};
    PrivRegs before = vm.cpu.priv;
    Observer* guest = observer_ ? observer_->guest(vm) : nullptr;
    NoObserver nobody;
    std::optional<AlreadyAsked> asked;
    if (guest) asked.emplace(*guest);
    Interpreted done =
        asked ? interpret_one(machine_, vm, static_cast<Observer&>(*asked)) : interpret_one(machine_, vm, nobody);
    if (done.kind == Interpreted::Kind::Trapped) {
        dispatcher_.dispatch(vm, done.trap);
    } else {
        ++vm.stats.sensitive_exits[static_cast<int>(insn->instruction())];
        allocator_.enter(machine_, vm);  // it may have changed the virtual mode or R (wrpsw, jrst)
        event.decision = Decision::Emulated;
        event.routine = pg32::info(insn->instruction()).mnemonic;
        if (observer_) {
            event.changes = changes_between(before, vm.cpu.priv);
            event.real_rbase = machine_.priv().rbase;
            event.real_rbound = machine_.priv().rbound;
            observer_->exited(vm, event);
        }
    }
    if (vm.cpu.waiting) slice_left_ = 0;
    else charge(1);
    return true;
}

}  // namespace trapvm::vmm
