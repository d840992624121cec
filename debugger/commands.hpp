// The command interpreter: a table of commands with aliases and help, GDB
// style. One line is one command; words are separated by spaces; '#' starts
// a comment. A bad command prints one line and the session goes on.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm::debug {

class Session;
using Args = std::vector<std::string>;  // the words after the command's name

struct Command {
    const char* name;     // "reverse-step"
    const char* aliases;  // "rs", space-separated; "" for none
    const char* usage;    // "reverse-step [N]"
    const char* help;     // one line
    void (*run)(Session& session, const Args& args);
};

const Command* find_command(std::string_view word);
// The command name closest to a mistyped word, or "" when none is close.
std::string closest_command(std::string_view word);

// Splits, finds and runs a command line. False after `quit`.
bool run_command_line(Session& session, const std::string& line);

}  // namespace trapvm::debug
