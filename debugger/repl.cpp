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

// Ctrl-C during a run stops the run, not the debugger. No SA_RESTART: a
// blocking read of the prompt returns, and the prompt is shown again.
void catch_ctrl_c() {
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
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
        out << kPrompt << command.substr(command.find_first_not_of(" \t")) << "\n";
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
    catch_ctrl_c();
    session.out() << "trapvm debugger. Type 'help' for the commands, 'quit' to leave.\n";
    session.print_location();
    std::string last;
    for (;;) {
        session.out().flush();
        std::optional<std::string> line = read_line();
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
