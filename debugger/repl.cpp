// Scripts and the interactive prompt (see repl.hpp).
#include "debugger/repl.hpp"

#include "debugger/commands.hpp"

#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>

#ifdef TRAPVM_HAVE_LIBEDIT
#include <editline/readline.h>
#endif

namespace trapvm::debug {

namespace {

bool is_blank(const std::string& line) { return line.find_first_not_of(" \t\r") == std::string::npos; }

// Motion commands repeat on an empty line; the others do not.
bool repeats(const std::string& line) {
    std::string word = line.substr(0, line.find(' '));
    const Command* c = find_command(word);
    if (!c) return false;
    std::string name = c->name;
    return name == "step" || name == "next" || name == "reverse-step" || name == "continue" ||
           name == "reverse-continue" || name == "finish";
}

void on_sigint(int) { request_interrupt(); }

// Ctrl-C during a run stops the run, not the debugger; at the prompt it is
// ignored (libedit keeps the line being edited).
void on_ctrl_c(void (*handler)(int)) {
    struct sigaction action {};
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGINT, &action, nullptr);
}

// One line from the user, or nothing at the end of input.
std::optional<std::string> read_line() {
#ifdef TRAPVM_HAVE_LIBEDIT
    char* text = readline(kPrompt);
    if (!text) return std::nullopt;
    std::string line = text;
    std::free(text);
    if (!is_blank(line)) add_history(line.c_str());
    return line;
#else
    std::cout << kPrompt << std::flush;
    std::string line;
    if (!std::getline(std::cin, line)) return std::nullopt;
    return line;
#endif
}

}  // namespace

int run_script(Session& session, std::istream& script) {
    std::ostream& out = session.out();
    for (std::string line; std::getline(script, line);) {
        std::string command = line.substr(0, line.find('#'));
        if (is_blank(command)) continue;
        session.flush_console();
        size_t first = command.find_first_not_of(" \t"), last = command.find_last_not_of(" \t\r");
        out << kPrompt << command.substr(first, last + 1 - first) << "\n";
        bool go_on = session.execute(command);
        out.flush();
        if (!go_on) break;
    }
    session.flush_console();
    out.flush();
    return session.any_failed() ? 1 : 0;
}

int run_interactive(Session& session) {
    if (!::isatty(STDIN_FILENO)) return run_script(session, std::cin);
#ifdef TRAPVM_HAVE_LIBEDIT
    rl_catch_signals = 0;  // SIGINT is ours: see on_ctrl_c
#endif
    session.out() << "trapvm debugger. Type 'help' for the commands, 'quit' to leave.\n";
    session.print_location();
    std::string last;
    for (;;) {
        session.out().flush();
        on_ctrl_c(SIG_IGN);
        std::optional<std::string> line = read_line();
        on_ctrl_c(on_sigint);
        if (!line) {
            session.out() << "\n";
            break;
        }
        if (is_blank(*line)) {
            if (last.empty()) continue;
            *line = last;
        }
        last = repeats(*line) ? *line : "";
        if (!session.execute(*line)) break;
    }
    session.out().flush();
    return 0;
}

}  // namespace trapvm::debug
