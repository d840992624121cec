// Feeding commands to a session: from a script, or from a user at a
// terminal (with line editing and history by libedit when it was found at
// build time; plain lines otherwise).
#pragma once

#include "debugger/session.hpp"

#include <istream>

namespace trapvm::debug {

// Runs each line of a script, echoing it after the prompt so that the
// output reads like a transcript. Stops at `quit` or the end of the script.
// Returns 0, or 1 when a command failed.
int run_script(Session& session, std::istream& script);

// Reads commands from the terminal until `quit` or end of input. An empty
// line repeats the last motion command (step, next, ...), as in GDB. Ctrl-C
// stops a run and returns to the prompt. When stdin is not a terminal this
// is run_script on stdin.
int run_interactive(Session& session);

inline constexpr const char* kPrompt = "(trapvm) ";

}  // namespace trapvm::debug
