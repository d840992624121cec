// The paravirtual monitor's hypercalls (--vmm=paravirt): the ABI of
// isa-spec/tables/hypercalls.tbl, carried out on the virtual CPU.
//
// A paravirtual guest kernel (guest-os/kernel/hooks-paravirt.inc) asks the
// monitor, by a `sys` in virtual system mode with the number in a4, for what
// it would otherwise do with an instruction the monitor cannot virtualize
// (rdpsw, wrpsw, rdrbase on the flawed profiles) or do one exit at a time
// (a console write of a whole string instead of an `out` per byte). Under
// trap-and-emulate that `sys` traps to the monitor anyway (the guest kernel
// runs in real user mode): the paravirtual monitor recognises it there, in
// Monitor::run_directly, before the dispatcher would reflect it. So nothing
// else changes: every other exit goes to the one dispatcher, and a `sys` of
// virtual user mode is always the guest's own system call.
//
// Every hypercall is bounded: a buffer is checked against the VM's memory
// before a byte is read, the console's output limit stops the VM at the
// byte that crosses it (as an `out` would), and nothing outside the VM's
// region is ever read or written.
#pragma once

#include "machine/observer.hpp"
#include "vmm/vm.hpp"

namespace trapvm::vmm {

// The hypercall a SYSCALL exit of vm asks for: a `sys` of virtual system mode
// whose a4 is a number of hypercalls.tbl. Null for any other exit, which the
// dispatcher handles as under trap-and-emulate.
const pg32::HypercallInfo* hypercall_of(const Vm& vm, const Trap& exit);

// Carries out the hypercall and retires its `sys` as an emulated instruction
// retires: a0 = the result, pc + 4, one step and one tick, the guest's
// observer told (guest may be null). Counted in vm.stats.
void run_hypercall(Machine& machine, Vm& vm, const pg32::HypercallInfo& call, Observer* guest);

// "hypercall CONSOLE_WRITE": the routine an exit event names.
const char* hypercall_routine(const pg32::HypercallInfo& call);

// Index of the hypercall in pg32::kHypercalls (ExitStats counts by it).
size_t hypercall_index(const pg32::HypercallInfo& call);

}  // namespace trapvm::vmm
