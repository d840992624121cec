// The commands' implementations, one group per file (internal to debugger/).
#pragma once

#include "debugger/commands.hpp"
#include "debugger/session.hpp"

#include <cstdint>
#include <optional>

namespace trapvm::debug {

// cmd_motion.cpp: moving forward and back
void cmd_step(Session& s, const Args& args);
void cmd_next(Session& s, const Args& args);
void cmd_finish(Session& s, const Args& args);
void cmd_continue(Session& s, const Args& args);
void cmd_until(Session& s, const Args& args);
void cmd_reverse_step(Session& s, const Args& args);
void cmd_reverse_continue(Session& s, const Args& args);
void cmd_goto(Session& s, const Args& args);

// cmd_breaks.cpp: breakpoints and watchpoints
void cmd_break(Session& s, const Args& args);
void cmd_watch(Session& s, const Args& args);
void cmd_delete(Session& s, const Args& args);
void info_breakpoints(Session& s);

// cmd_state.cpp: registers, memory, where, VMs
void cmd_regs(Session& s, const Args& args);
void cmd_csr(Session& s, const Args& args);
void cmd_x(Session& s, const Args& args);
void cmd_where(Session& s, const Args& args);
void cmd_vm(Session& s, const Args& args);
void info_vm(Session& s);
void info_steps(Session& s);

// cmd_code.cpp: code and source
void cmd_disas(Session& s, const Args& args);
void cmd_list(Session& s, const Args& args);

// Argument helpers: print an error and return nothing when the word is bad.
std::optional<uint64_t> count_arg(Session& s, const Args& args, size_t index, uint64_t fallback);
bool no_more_args(Session& s, const Args& args, size_t allowed);

}  // namespace trapvm::debug
