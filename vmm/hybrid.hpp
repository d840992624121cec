// The hybrid monitor's interpreter (Popek and Goldberg, Theorem 3): one
// guest instruction run in software on the virtual CPU, exactly as the real
// CPU would run it, with the machine's own semantics (sem::exec_Name in
// machine/semantics/), so there is no second copy of the ISA.
//
//   machine (run_block.cpp)              interpret_one() (hybrid.cpp)
//   fetch inside R, else BOUNDS          the same, with the R the allocator composes
//   decode (the pre-decoded cache)       the same cache: Machine::instruction_at
//   privileged in user mode: PRIVILEGED  the same, in virtual user mode
//   sem::exec_Name(Hart&)                sem::exec_Name(VirtualHart&): the virtual
//                                        csrs and devices, memory through R
//   retire: steps, ticks, the observer   the same, on the virtual CPU
//
// A trap the instruction raises is not taken here: the monitor hands it to
// the dispatcher, which reflects it like any exit (take_trap, the machine's
// own trap sequence), so there is one trap policy for every technique.
#pragma once

#include "machine/observer.hpp"
#include "vmm/vm.hpp"

namespace trapvm::vmm {

struct Interpreted {
    enum class Kind : uint8_t {
        Retired,  // the instruction ran; the virtual pc is the next one
        Trapped,  // it raised `trap` and changed nothing: the dispatcher delivers it
        Break,    // the observer asked to stop before it (nothing ran)
    };
    Kind kind = Kind::Retired;
    Trap trap;
};

// Runs the instruction at the VM's virtual pc, in its virtual mode, on its
// region of the machine's memory (through the machine, so that stores keep
// the pre-decoded instructions right). guest sees what the machine's
// observer would (Obs: NoObserver or Observer).
template <class Obs> Interpreted interpret_one(Machine& machine, Vm& vm, Obs& guest);
// The same without asking the observer first (never Break): for an
// instruction whose fetch the observer has seen already, a patched one the
// real CPU stopped at (patch.hpp), as the dispatcher runs an emulated one.
template <class Obs> Interpreted interpret_fetched(Machine& machine, Vm& vm, Obs& guest);

}  // namespace trapvm::vmm
