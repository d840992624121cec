// The allocator composes the real R so that a guest sees exactly the memory
// bare hardware of its region's size would give it.
#include "vmm/allocator.hpp"
#include "vmm/interpreter.hpp"

#include <doctest/doctest.h>

using namespace trapvm;
using namespace trapvm::vmm;

namespace {

PrivRegs virtual_user(uint32_t rbase, uint32_t rbound) {
    PrivRegs p;
    p.psw = 0;  // user mode
    p.rbase = rbase;
    p.rbound = rbound;
    return p;
}

}  // namespace

TEST_CASE("in virtual system mode the guest gets its whole region") {
    PrivRegs system;
    CHECK(compose_r({0x100000, 0x10000}, system) == RealR{0x100000, 0x10000});
}

TEST_CASE("in virtual user mode the guest R is shifted by the region base") {
    CHECK(compose_r({0x100000, 0x10000}, virtual_user(0x4000, 0x1000)) == RealR{0x104000, 0x1000});
}

TEST_CASE("a virtual R reaching past the region is clipped to it") {
    CHECK(compose_r({0x100000, 0x10000}, virtual_user(0xf000, 0x2000)) == RealR{0x10f000, 0x1000});
    CHECK(compose_r({0x100000, 0x10000}, virtual_user(0x0, 0xffffffff)) == RealR{0x100000, 0x10000});
}

TEST_CASE("a virtual R starting past the region allows nothing") {
    CHECK(compose_r({0x100000, 0x10000}, virtual_user(0x10000, 0x10)).rbound == 0);
    CHECK(compose_r({0x100000, 0x10000}, virtual_user(0xfffffff0, 0x100)).rbound == 0);
}

TEST_CASE("the allocator hands out disjoint regions until memory is full") {
    Machine m(MachineConfig{0x30000});
    Allocator a;
    auto r0 = a.allocate(m, 0x10000), r1 = a.allocate(m, 0x10000), r2 = a.allocate(m, 0x10000);
    REQUIRE(r0);
    REQUIRE(r1);
    REQUIRE(r2);
    CHECK(r0->base == 0);
    CHECK(r1->base == 0x10000);
    CHECK(r2->base == 0x20000);
    CHECK_FALSE(a.allocate(m, 4));
}

TEST_CASE("entering a VM sets real user mode with interrupts on and counts the change") {
    Machine m(MachineConfig{0x20000});
    Allocator a;
    Vm vm;
    vm.region = {0x10000, 0x10000};
    a.enter(m, vm);
    CHECK(m.priv().psw == pg32::PSW_IE);
    CHECK(m.priv().rbase == 0x10000);
    CHECK(m.priv().rbound == 0x10000);
    CHECK(a.changes() == 1);
    CHECK(m.resource_changes() == 1);
    a.enter(m, vm);  // nothing to change
    CHECK(a.changes() == 1);
}

TEST_CASE("every privileged instruction has an interpreter routine and no other does") {
    // (A privileged row without a routine does not even build: see
    // routine_table() in vmm/interpreter.hpp.)
    constexpr auto routines = routine_table<VirtualHart<NoObserver>>();
    for (int i = 0; i < pg32::kOpCount; ++i) {
        auto op = static_cast<pg32::Op>(i);
        INFO(pg32::info(op).mnemonic);
        CHECK((routines[static_cast<size_t>(i)] != nullptr) == pg32::is_privileged(op));
    }
}
