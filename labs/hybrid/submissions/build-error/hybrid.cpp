// The hybrid monitor's interpreter (see hybrid.hpp).
#include "vmm/hybrid.hpp"

#include "machine/semantics/alu.hpp"
#include "machine/semantics/control.hpp"
#include "machine/semantics/memory.hpp"
#include "machine/semantics/profiles.hpp"
#include "machine/semantics/system.hpp"
#include "vmm/allocator.hpp"
#include "vmm/virtual_hart.hpp"

#include <type_traits>

namespace trapvm::vmm {

namespace {

// An instruction's semantics, whether it can trap (MaybeTrap) or not (void).
template <class H, class Semantics> MaybeTrap run_semantics(H& h, const Insn& insn, Semantics semantics) {
    if constexpr (std::is_void_v<decltype(semantics(h, insn))>) {
        semantics(h, insn);
        return {};
    } else {
        return semantics(h, insn);
    }
}

// The semantics of every instruction in the table, by opcode: the same
// functions the machine's run loop calls.
template <class H> MaybeTrap execute(H& h, const Insn& insn) {
    switch (insn.instruction()) {
#define PG32_INTERPRET(Name, mnemonic, opcode, format) \
    case pg32::Op::Name: return run_semantics(h, insn, [](auto& hart, Insn i) { return sem::exec_##Name(hart, i); });
        PG32_INSTRUCTIONS(PG32_INTERPRET)
#undef PG32_INTERPRET
    }
    return {};
}

[[maybe_unused]] Interpreted trapped(pg32::Cause cause, uint32_t badaddr) {
    return {.kind = Interpreted::Kind::Trapped, .trap = Trap{cause, badaddr}};
}

}  // namespace

template <class Obs> Interpreted interpret_one(Machine& machine, Vm& vm, Obs& guest) {
    if constexpr (Obs::kActive)
        if (guest.before(vm.cpu.pc)) return {.kind = Interpreted::Kind::Break};
    return interpret_fetched(machine, vm, guest);
}

template <class Obs> Interpreted interpret_fetched(Machine& machine, Vm& vm, Obs& guest) {
    VirtualCpu& cpu = vm.cpu;
    RealR r = compose_r(vm.region, cpu.priv);
    if (uint64_t{cpu.pc} + 4 > r.rbound) return trapped(pg32::Cause::Bounds, cpu.pc);
    uint32_t physical = r.rbase + cpu.pcc;
    uint32_t word = machine.read_physical(physical, 4).value();  // R lies inside memory
    std::optional<Insn> insn = machine.instruction_at(physical);
    if (!insn) return trapped(pg32::Cause::Illegal, word);
    if (pg32::is_privileged(insn->instruction()) && !cpu.system_mode()) return trapped(pg32::Cause::Privileged, word);
    VirtualHart<Obs> h{.cpu = cpu,
                       .obs = guest,
                       .at = cpu.pc,
                       .next_pc = cpu.pc + 4,
                       .machine = &machine,
                       .rbase = r.rbase,
                       .rbound = r.rbound,
                       .region_base = vm.region.base};
    if (MaybeTrap t = execute(h, *insn)) return {.kind = Interpreted::Kind::Trapped, .trap = *t};
    ++cpu.steps;
    ++cpu.ticks;
    guest.retired(h.at, word);
    cpu.pc = h.next_pc;
    return {};
}

template Interpreted interpret_one(Machine&, Vm&, NoObserver&);
template Interpreted interpret_one(Machine&, Vm&, Observer&);
template Interpreted interpret_fetched(Machine&, Vm&, NoObserver&);
template Interpreted interpret_fetched(Machine&, Vm&, Observer&);

}  // namespace trapvm::vmm
