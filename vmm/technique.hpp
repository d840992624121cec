// How the monitor runs a guest: the technique, a narrow policy beside the
// one dispatcher (vmm/README.md, "Techniques").
//
// Every technique shares the dispatcher, the allocator and the trap
// sequence; what differs is only which guest instructions the real CPU runs
// directly and which the monitor runs in software:
//
//   trap-and-emulate  everything directly, in real user mode; a privileged
//                     instruction traps and its routine emulates it (Popek
//                     and Goldberg's Theorem 1: needs every sensitive
//                     instruction privileged)
//   hybrid            virtual user mode directly; every instruction of
//                     virtual system mode interpreted on the virtual CPU with
//                     the machine's own semantics (Theorem 3: needs only the
//                     user-sensitive instructions privileged)
//   patch             everything directly, as trap-and-emulate, but the
//                     sensitive unprivileged instructions of the profile are
//                     made to trap before they run and are emulated at their
//                     exit (binary translation in miniature, patch.hpp): needs
//                     nothing of the profile
//   paravirt          trap-and-emulate, plus the hypercalls of a paravirtual
//                     guest kernel (hypercalls.hpp, isa-spec/tables/
//                     hypercalls.tbl): the guest is changed to call the
//                     monitor instead of using the flawed instructions
//
// A new technique (binary patching, paravirtualization, hardware assist) is
// a row of kTechniques and, where it runs guest code other than directly, a
// case of interprets(); where it handles some exits itself, a case of
// looks_at_exit_first() and of Monitor::technique_exit().
#pragma once

#include "vmm/vcpu.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace trapvm::vmm {

enum class Technique : uint8_t { TrapAndEmulate, Hybrid, Patch, Paravirt, Hardware };

struct TechniqueInfo {
    Technique technique;
    const char* name;     // as --vmm=NAME takes it
    const char* summary;  // one line, for --help and `trapvm compare`
};

inline constexpr TechniqueInfo kTechniques[] = {
    {Technique::TrapAndEmulate, "trap-and-emulate",
     "the guest runs directly; privileged instructions trap and are emulated (Theorem 1)"},
    {Technique::Hybrid, "hybrid", "virtual user mode runs directly; virtual system mode is interpreted (Theorem 3)"},
    {Technique::Patch, "patch",
     "the guest runs directly; privileged instructions trap, sensitive unprivileged ones are patched to trap"},
    {Technique::Paravirt, "paravirt",
     "trap-and-emulate, plus hypercalls: a paravirtual guest kernel calls the monitor (Xen; hypercalls.tbl)"},
    {Technique::Hardware, "hardware",
     "the guest runs directly in guest mode (profile vt): every sensitive instruction exits and is interpreted"},
};

const TechniqueInfo& technique_info(Technique technique);
// The technique called `name`, or nothing.
const TechniqueInfo* technique_by_name(std::string_view name);
// "trap-and-emulate, hybrid": for messages and --help.
std::string technique_names();
// Why the technique cannot run guest code of this profile (hardware: the
// profile has no guest-mode extension), or nothing when it can. The monitor
// refuses such a set-up (std::invalid_argument, with this text).
std::optional<std::string> technique_unavailable(Technique technique, const pg32::ProfileInfo& profile);

// The policy: whether the monitor runs the VM's next instruction in software
// (interpreted on the virtual CPU) rather than on the real CPU.
inline bool interprets(Technique technique, const VirtualCpu& cpu) {
    switch (technique) {
    case Technique::TrapAndEmulate: return false;
    case Technique::Hybrid: return cpu.system_mode();
    case Technique::Patch: return false;     // a patched instruction traps: it is emulated at its exit
    case Technique::Paravirt: return false;  // directly; its hypercalls are exits (Monitor::run_directly)
    case Technique::Hardware: return false;  // in guest mode, the machine itself stops at what must be interpreted
    }
    return false;
}

// The other half: whether the technique looks at an exit before the
// dispatcher does. Hardware assist looks at every exit (a sensitive
// instruction's, hardware.cpp), patch at PRIVILEGED ones (a patched
// instruction's, patch.hpp), paravirt at a sys from virtual system mode (a
// hypercall, hypercalls.hpp); what it leaves goes to the dispatcher.
inline bool looks_at_exit_first(Technique technique, pg32::Cause cause, const VirtualCpu& cpu) {
    switch (technique) {
    case Technique::TrapAndEmulate: return false;
    case Technique::Hybrid: return false;
    case Technique::Patch: return cause == pg32::Cause::Privileged;
    case Technique::Paravirt: return cause == pg32::Cause::Syscall && cpu.system_mode();
    case Technique::Hardware: return true;
    }
    return false;
}

}  // namespace trapvm::vmm
