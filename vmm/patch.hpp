// The patch technique: binary translation in miniature (vmm/README.md,
// "Techniques"; isa-spec/virtualizability.md, "The patch technique").
//
// On a flawed profile some sensitive instructions are not privileged
// (rdpsw, wrpsw, rdrbase, jrst: the classes unprivileged:* of the
// profile's overlay table): run directly in real user mode they read or
// change the real machine, not the virtual one, and never trap. The patch
// technique makes each of them trap before it runs, and emulates the
// original on the virtual CPU; everything else runs directly, as under
// trap-and-emulate.
//
// Where the patch is: not in the guest's memory, but in the machine's
// pre-decoded instruction cache, through the one narrow part of the
// machine's monitor interface made for it, Machine::trap_in_user_mode().
// The machine applies it each time it decodes a word: when a word is first
// fetched, and again after any store to it. So
//
//   - the patches are hidden: memory keeps the original words, and a guest
//     that loads its own code reads exactly what it wrote (VMware kept its
//     translations apart from guest memory for the same reason);
//   - self-modifying code and code loaded or generated at run time are
//     patched when they are first fetched after the store that wrote them,
//     and a word overwritten with an innocuous instruction runs directly;
//   - data that looks like code is never patched at all: only a fetch
//     decodes, so a data word equal to rdpsw is read as the same value and
//     can trap only if the guest jumps to it, when it is code.
//
// The side table of the originals is the guest's memory itself: at the
// exit the monitor decodes the word there (Machine::instruction_at gives
// the instruction, not its trapping form) and runs it with the hybrid
// monitor's interpreter, interpret_fetched() (hybrid.hpp): the machine's
// own semantics on the virtual CPU, one guest step, like any other.
//
// The machine pays nothing for this when no monitor asks for it: the check
// is in the decoder (one bit test per word decoded), and a patched word has
// its own entry in the run loop's tables, so the fast path has no test.
#pragma once

#include "machine/machine.hpp"

namespace trapvm::vmm {

// The instructions the patch technique makes trap on a machine of this
// profile: its sensitive instructions that are not privileged. None on pg32,
// where the patch technique is trap-and-emulate.
OpSet patched_instructions(const pg32::ProfileInfo& profile);

}  // namespace trapvm::vmm
