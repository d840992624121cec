// The dispatcher trusts nothing it has not checked: an exit it cannot
// explain stops that VM with an internal error, never the host process, and
// the VMs beside it run on.
#include "vmm/dispatcher.hpp"

#include <doctest/doctest.h>

using namespace trapvm;
using namespace trapvm::vmm;

namespace {

struct Setup {
    Machine machine{MachineConfig{2 * 4096}};
    Allocator allocator;
    Vm vm;
    Setup() {
        machine.set_trap_delivery(TrapDelivery::ToMonitor);
        vm.region = *allocator.allocate(machine, 4096);
        vm.cpu.pc = 0x10;
    }
    // Puts word at the guest's pc.
    void guest_word(uint32_t word) { machine.write_physical(vm.region.base + vm.cpu.pc, word, 4); }
};

constexpr uint32_t kAdd = 0x01345000;   // add r3, r4, r5: innocuous
constexpr uint32_t kCsrw = 0x61100000;  // csrw psw, r1: privileged

}  // namespace

TEST_CASE("dispatcher: a PRIVILEGED exit whose word is no privileged instruction stops only that VM") {
    Setup s;
    s.guest_word(kAdd);
    ExitEvent e = Dispatcher(s.machine, s.allocator).dispatch(s.vm, Trap{pg32::Cause::Privileged, kAdd});
    CHECK(e.decision == Decision::Stopped);
    CHECK(s.vm.cpu.stop.reason == StopReason::InternalError);
    CHECK(s.vm.cpu.stop.message.find("0x01345000 is no privileged instruction") != std::string::npos);
    CHECK(s.vm.cpu.steps == 0);  // nothing was emulated
}

TEST_CASE("dispatcher: a PRIVILEGED exit whose word is not the guest's instruction stops only that VM") {
    Setup s;
    s.guest_word(kAdd);
    Dispatcher(s.machine, s.allocator).dispatch(s.vm, Trap{pg32::Cause::Privileged, kCsrw});
    CHECK(s.vm.cpu.stop.reason == StopReason::InternalError);
    CHECK(s.vm.cpu.stop.message.find("is not the guest's instruction at its pc") != std::string::npos);
    CHECK(s.vm.cpu.priv.psw == pg32::PSW_SYSTEM);  // the csrw was not emulated
}

TEST_CASE("dispatcher: a word that does not decode, or a pc outside the region, is an internal error too") {
    Setup s;
    s.guest_word(0xffffffff);
    Dispatcher(s.machine, s.allocator).dispatch(s.vm, Trap{pg32::Cause::Privileged, 0xffffffff});
    CHECK(s.vm.cpu.stop.reason == StopReason::InternalError);
    Setup t;
    t.vm.cpu.pc = 4096 - 2;
    Dispatcher(t.machine, t.allocator).dispatch(t.vm, Trap{pg32::Cause::Privileged, kCsrw});
    CHECK(t.vm.cpu.stop.reason == StopReason::InternalError);
}

TEST_CASE("dispatcher: a checked PRIVILEGED exit is emulated") {
    Setup s;
    s.guest_word(kCsrw);
    s.vm.cpu.regs.set(1, pg32::PSW_SYSTEM | pg32::PSW_IE);
    ExitEvent e = Dispatcher(s.machine, s.allocator).dispatch(s.vm, Trap{pg32::Cause::Privileged, kCsrw});
    CHECK(e.decision == Decision::Emulated);
    CHECK(s.vm.cpu.priv.psw == (pg32::PSW_SYSTEM | pg32::PSW_IE));
    CHECK(s.vm.cpu.pc == 0x14);
}
