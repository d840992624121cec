// The hypercalls (see hypercalls.hpp and isa-spec/tables/hypercalls.tbl).
#include "vmm/hypercalls.hpp"

#include "vmm/monitor.hpp"

#include <cstring>
#include <string>
#include <vector>

namespace trapvm::vmm {

using pg32::Hypercall;

namespace {

constexpr uint32_t kError = 0xffffffffu;  // -1 in a0: the ABI's error

// CONSOLE_WRITE(buf, len): the bytes of guest-physical buf..buf+len-1, all
// inside the VM's memory or none written, through the virtual console, so
// the output limit and a failed sink stop the VM exactly as `out` does.
template <class Obs> uint32_t console_write(Machine& machine, Vm& vm, Obs& guest) {
    uint32_t buf = vm.cpu.regs.x[pg32::Reg::A0], len = vm.cpu.regs.x[pg32::Reg::A1];
    if (uint64_t{buf} + len > vm.region.size) return kError;
    const uint8_t* bytes = machine.memory().data() + vm.region.base + buf;
    Console& console = vm.cpu.devices.console;
    for (uint32_t i = 0; i < len; ++i) {
        guest.port_accessed(static_cast<uint32_t>(pg32::Port::ConsoleOut), bytes[i], true);
        console.write(bytes[i]);
        if (vm.cpu.devices.stop_request() != DeviceStop::None) break;  // the limit, a failed write
    }
    return len;
}

template <class Obs> uint32_t set_psw(Vm& vm, Obs& guest) {
    uint32_t old = vm.cpu.priv.psw;
    vm.cpu.priv.write(pg32::Csr::Psw, vm.cpu.regs.x[pg32::Reg::A0]);
    guest.csr_written(pg32::Csr::Psw, old, vm.cpu.priv.psw);
    return 0;
}

template <class Obs> uint32_t result_of(Machine& machine, Vm& vm, const pg32::HypercallInfo& call, Obs& guest) {
    switch (call.value) {
    case Hypercall::ConsoleWrite: return console_write(machine, vm, guest);
    case Hypercall::GetPsw: return vm.cpu.priv.psw;
    case Hypercall::SetPsw: return set_psw(vm, guest);
    case Hypercall::GetRbase: return vm.cpu.priv.rbase;
    }
    return kError;  // a row of hypercalls.tbl without its case here
}

// The sys that made the hypercall, as the real CPU fetched it (the exit
// came from there, so it lies inside the region).
uint32_t word_at(const Machine& machine, const Vm& vm, uint32_t pc) {
    uint32_t word = 0;
    std::memcpy(&word, machine.memory().data() + vm.region.base + pc, 4);
    return word;
}

template <class Obs> void retire(Machine& machine, Vm& vm, const pg32::HypercallInfo& call, Obs& guest) {
    uint32_t pc = vm.cpu.pc;
    uint32_t result = result_of(machine, vm, call, guest);
    int a0 = pg32::Reg::A0;
    if constexpr (Obs::kActive) guest.register_written(a0, vm.cpu.regs.x[a0], result);
    vm.cpu.regs.x[a0] = result;
    ++vm.cpu.steps;
    ++vm.cpu.ticks;
    vm.cpu.pc = pc + 4;
    if (std::optional<Stop> stop = device_stop(vm.cpu.devices, pc)) vm.cpu.stop = std::move(*stop);
    guest.retired(pc, word_at(machine, vm, pc));
}

}  // namespace

const pg32::HypercallInfo* hypercall_of(const Vm& vm, const Trap& exit) {
    if (exit.cause != pg32::Cause::Syscall || !vm.cpu.system_mode()) return nullptr;
    return pg32::hypercall_by_number(vm.cpu.regs.x[pg32::Reg::A4]);
}

size_t hypercall_index(const pg32::HypercallInfo& call) { return static_cast<size_t>(&call - pg32::kHypercalls); }

const char* hypercall_routine(const pg32::HypercallInfo& call) {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> v;
        for (const pg32::HypercallInfo& h : pg32::kHypercalls) v.push_back(std::string("hypercall ") + h.name);
        return v;
    }();
    return names.at(hypercall_index(call)).c_str();
}

void run_hypercall(Machine& machine, Vm& vm, const pg32::HypercallInfo& call, Observer* guest) {
    NoObserver nobody;
    if (guest) retire(machine, vm, call, *guest);
    else retire(machine, vm, call, nobody);
    ++vm.stats.hypercalls;
    ++vm.stats.hypercall_counts[hypercall_index(call)];
}

// A hypercall of a paravirtual guest kernel (--vmm=paravirt, hypercalls.hpp):
// an exit that the monitor serves itself, not through the dispatcher, and
// that retires the guest's sys as an emulated instruction retires.
ExitEvent Monitor::hypercall(Vm& vm, const Trap& exit, const pg32::HypercallInfo& call) {
    ExitEvent event{.trap = exit, .pc = vm.cpu.pc, .virtual_system = true, .routine = hypercall_routine(call)};
    PrivRegs before = vm.cpu.priv;
    run_hypercall(machine_, vm, call, observer_ ? observer_->guest(vm) : nullptr);
    allocator_.enter(machine_, vm);  // SET_PSW may have changed the virtual mode
    event.decision = vm.running() ? Decision::Emulated : Decision::Stopped;
    if (observer_) {
        if (before.psw != vm.cpu.priv.psw) event.changes.push_back({pg32::Csr::Psw, before.psw, vm.cpu.priv.psw});
        event.real_rbase = machine_.priv().rbase;
        event.real_rbound = machine_.priv().rbound;
        observer_->exited(vm, event);
    }
    return event;
}

}  // namespace trapvm::vmm
