// Breakpoints and watchpoints: what the user asked to stop at.
//
//   Code           an address, label or source line (per VM: each VM's program
//                  resolves the location in its own symbols); a user program's
//                  label or line stops in that program at that user address,
//                  whichever region the kernel runs it in
//   Trap           a trap or interrupt cause taken by the guest, or any
//   Mode           a change of the (virtual) mode, to user, system or either
//   Exit           a monitor exit: an emulated instruction (csrw) or a trap
//                  cause (SYSCALL, TIMER for the end of a time slice), or any
//   WatchMemory    a write that changes 1, 2 or 4 bytes of (guest-)physical memory
//   WatchRegister  a write that changes a general register
//
// Each numbered like GDB's, from 1. All but Code stop after the event, before
// the next instruction any VM runs.
#pragma once

#include "debugger/locations.hpp"
#include "machine/cpu_state.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trapvm::debug {

struct Breakpoint {
    enum class Kind { Code, Trap, Mode, Exit, WatchMemory, WatchRegister };
    int number = 0;
    Kind kind = Kind::Code;
    std::string what;  // as `info breakpoints` shows it: "loop (prog.s:12)", "trap BOUNDS"

    std::vector<std::optional<uint32_t>> code;  // Code: the address in each VM
    std::vector<std::vector<UserAt>> user;      // Code: or user code, in each VM
    std::optional<uint32_t> cause;              // Trap: nothing = any
    std::optional<bool> to_system;              // Mode: nothing = either way
    std::string exit;                           // Exit: lower-case mnemonic or cause name; "any"
    int vm = 0;                                 // watchpoints: the VM watched
    uint32_t address = 0;                       // WatchMemory
    uint32_t size = 4;                          // WatchMemory: 1, 2 or 4
    int reg = 0;                                // WatchRegister

    const char* kind_name() const;
};

class Breakpoints {
public:
    int add(Breakpoint b);  // returns its number
    bool remove(int number);
    void clear() { list_.clear(); }
    const std::vector<Breakpoint>& list() const { return list_; }
    bool empty() const { return list_.empty(); }

    // The first Code breakpoint at (guest-)physical address in vm.
    const Breakpoint* code_at(int vm, uint32_t physical) const;
    // The first Code breakpoint on user code at `at` in vm; any_user_at: is
    // there one at that user address in any program (a cheap first test).
    const Breakpoint* user_code_at(int vm, const UserAt& at) const;
    bool any_user_at(int vm, uint32_t pc) const;
    bool has_code() const { return has(Breakpoint::Kind::Code); }
    bool has(Breakpoint::Kind kind) const;

private:
    std::vector<Breakpoint> list_;
    int next_ = 1;
};

}  // namespace trapvm::debug
