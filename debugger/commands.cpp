// The command table, the line parser, help and did-you-mean.
#include "debugger/commands.hpp"

#include "debugger/handlers.hpp"

#include <algorithm>
#include <exception>
#include <sstream>

namespace trapvm::debug {

namespace {

void cmd_info(Session& s, const Args& args);
void cmd_help(Session& s, const Args& args);
void cmd_echo(Session& s, const Args& args);
void cmd_quit(Session&, const Args&) {}  // run_command_line ends the session

constexpr const char* kBreakUsage = "break LOCATION | trap CAUSE|any | mode [user|system] | exit NAME|any";

const Command kCommands[] = {
    {"step", "s si stepi", "step [N]",
     "run N instructions (default 1) of the current VM, into calls, traps and interrupts", cmd_step},
    {"next", "n ni nexti", "next [N]",
     "like step, but a call (jal/jalr writing ra) runs until it returns to the next instruction", cmd_next},
    {"finish", "fin", "finish", "run until the current function returns", cmd_finish},
    {"continue", "c cont", "continue", "run until a breakpoint, a watchpoint or the end", cmd_continue},
    {"until", "u", "until LOCATION", "run until the current VM is about to run LOCATION (or a breakpoint)", cmd_until},
    {"reverse-step", "rs", "reverse-step [N]", "go back N instructions of the current VM (by replay)",
     cmd_reverse_step},
    {"reverse-continue", "rc", "reverse-continue", "go back to the previous breakpoint or watchpoint hit",
     cmd_reverse_continue},
    {"goto", "", "goto STEP | goto vmK:STEP",
     "go to step STEP (of the current VM, or of VM K), back or forward (by replay)", cmd_goto},
    {"break", "b", kBreakUsage, "stop at code, a trap cause, a mode change or a monitor exit", cmd_break},
    {"watch", "", "watch LOCATION [1|2|4] | watch REGISTER",
     "stop after an instruction changes memory (4 bytes by default) or a register", cmd_watch},
    {"delete", "d", "delete [N...]", "delete breakpoints and watchpoints N... (all without N)", cmd_delete},
    {"regs", "r", "regs", "general registers (under the monitor: the virtual CPU's and the real CPU's)", cmd_regs},
    {"csr", "", "csr", "privileged registers (under the monitor: virtual and real)", cmd_csr},
    {"x", "", "x LOCATION [COUNT] [/x|/w|/b|/a]",
     "memory: hex words (/x), one word a line (/w), bytes (/b) or text (/a)", cmd_x},
    {"disas", "disassemble", "disas [LOCATION] [N]",
     "N instructions (default 8) around the pc, or from LOCATION (physical)", cmd_disas},
    {"list", "l", "list [LOCATION]", "source lines around the pc or LOCATION", cmd_list},
    {"where", "bt backtrace", "where", "the pc, symbol, source line, mode and step number", cmd_where},
    {"info", "i", "info breakpoints|registers|csr|vm|steps", "show breakpoints, registers, VMs or the timeline",
     cmd_info},
    {"vm", "", "vm [N]", "list the VMs, or show VM N in the displays and step it", cmd_vm},
    {"echo", "", "echo TEXT", "print TEXT (for scripts)", cmd_echo},
    {"help", "h", "help [COMMAND]", "list the commands, or explain one", cmd_help},
    {"quit", "q", "quit", "leave the debugger", cmd_quit},
};

// Extra lines for `help COMMAND`.
const char* details(std::string_view name) {
    if (name == "break")
        return "  break loop | break 0x40 | break prog.s:12   code (a label, an address, a source line)\n"
               "  break trap BOUNDS | break trap any            a trap or interrupt the guest takes\n"
               "  break mode | break mode user|system           a change of the (virtual) mode\n"
               "  break exit csrw | break exit SYSCALL | any    a monitor exit (with --vmm)\n"
               "Code breakpoints stop before the instruction; the others after the event, before the next\n"
               "instruction. Addresses are physical (guest-physical under the monitor).";
    if (name == "watch")
        return "  watch counter | watch 0x1000 2   memory: stops after a write changes it\n"
               "  watch @0x2e4 | watch $sp+4      a user address: rbase + 0x2e4, or through the current R\n"
               "  watch a0                        a register: stops after a write changes it\n"
               "It prints the old and the new value and the instruction that wrote.";
    if (name == "x" || name == "disas" || name == "list" || name == "until")
        return "LOCATION: 0x1000, 4096, a label (loop, loop+8), FILE:LINE, $reg / $pc (the register's\n"
               "value translated through the current mode and R), or @0x2e4 (a user address: rbase + 0x2e4,\n"
               "in either mode). Addresses are (guest-)physical.";
    if (name == "reverse-step" || name == "reverse-continue" || name == "goto" || name == "step")
        return "Step numbers are the trace's (trace/FORMAT.md, \"Step numbers\"): step N of a VM is its N-th\n"
               "retired instruction, from 0. \"=> step N\" means N instructions have retired; goto N stops\n"
               "just before the instruction that retires as step N, after any trap or interrupt before it.\n"
               "A trapping instruction does not retire: step runs it and stops at the handler's first\n"
               "instruction with the same step number; reverse-step goes back to it (each is the other's\n"
               "exact inverse). Under the monitor each VM counts its own steps: goto N is the current\n"
               "VM's, goto vm1:N VM 1's. Going back restores the nearest checkpoint before the target and\n"
               "replays forward, so the state is exactly the one the forward run had, across traps,\n"
               "interrupts, input and exits. Console output is never printed twice.";
    return nullptr;
}

bool names(const Command& c, std::string_view word) {
    if (word == c.name) return true;
    std::istringstream aliases(c.aliases);
    for (std::string a; aliases >> a;)
        if (a == word) return true;
    return false;
}

size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t next = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = row[j];
            row[j] = next;
        }
    }
    return row[b.size()];
}

// Words of a line, without a '#' comment; "x/4x" becomes "x" "/4x".
Args split(const std::string& line) {
    Args words;
    std::istringstream in(line.substr(0, line.find('#')));
    for (std::string w; in >> w;) words.push_back(w);
    if (!words.empty()) {
        size_t slash = words[0].find('/');
        if (slash != std::string::npos && slash > 0) {
            std::string format = words[0].substr(slash);
            words[0].resize(slash);
            words.insert(words.begin() + 1, format);
        }
    }
    return words;
}

void cmd_info(Session& s, const Args& args) {
    std::string what = args.empty() ? "" : args[0];
    if (what == "breakpoints" || what == "break" || what == "b" || what == "watchpoints") return info_breakpoints(s);
    if (what == "registers" || what == "regs" || what == "r") return cmd_regs(s, {});
    if (what == "csr" || what == "csrs") return cmd_csr(s, {});
    if (what == "vm" || what == "vms") return info_vm(s);
    if (what == "steps" || what == "timeline") return info_steps(s);
    s.error(what.empty() ? "info what? breakpoints, registers, csr, vm or steps"
                         : "no 'info " + what + "'; try breakpoints, registers, csr, vm or steps");
}

void cmd_help(Session& s, const Args& args) {
    std::ostream& out = s.out();
    if (args.empty()) {
        for (const Command& c : kCommands) {
            std::string head = std::string(c.name) + (*c.aliases ? std::string(" (") + c.aliases + ")" : "");
            out << "  " << head << std::string(head.size() < 26 ? 26 - head.size() : 1, ' ') << c.help << "\n";
        }
        out << "Type 'help COMMAND' for its arguments.\n";
        return;
    }
    const Command* c = find_command(args[0]);
    if (!c) return s.error("no command '" + args[0] + "'");
    out << "usage: " << c->usage << "\n" << c->help << "\n";
    if (*c->aliases) out << "aliases: " << c->aliases << "\n";
    if (const char* more = details(c->name)) out << more << "\n";
}

void cmd_echo(Session& s, const Args& args) {
    std::string text;
    for (const std::string& a : args) text += (text.empty() ? "" : " ") + a;
    s.out() << text << "\n";
}

}  // namespace

const Command* find_command(std::string_view word) {
    for (const Command& c : kCommands)
        if (names(c, word)) return &c;
    const Command* prefix_of = nullptr;  // a unique prefix of a name: "cont", "disa"
    for (const Command& c : kCommands)
        if (word.size() >= 2 && std::string_view(c.name).starts_with(word)) {
            if (prefix_of) return nullptr;
            prefix_of = &c;
        }
    return prefix_of;
}

std::string closest_command(std::string_view word) {
    std::string best;
    size_t best_distance = word.size() <= 3 ? 1 : 2;
    for (const Command& c : kCommands) {
        std::vector<std::string> all{c.name};
        std::istringstream aliases(c.aliases);
        for (std::string a; aliases >> a;) all.push_back(a);
        for (const std::string& n : all)
            if (size_t d = edit_distance(word, n); d <= best_distance && (best.empty() || d < best_distance)) {
                best = c.name;
                best_distance = d;
            }
    }
    return best;
}

bool run_command_line(Session& session, const std::string& line) {
    Args words = split(line);
    if (words.empty()) return true;
    const Command* command = find_command(words[0]);
    if (!command) {
        std::string matches;
        for (const Command& c : kCommands)
            if (std::string_view(c.name).starts_with(words[0]))
                matches += std::string(matches.empty() ? "" : ", ") + c.name;
        if (words[0].size() >= 2 && matches.find(',') != std::string::npos) {
            session.error("ambiguous command '" + words[0] + "': " + matches);
            return true;
        }
        std::string guess = closest_command(words[0]);
        session.error("unknown command '" + words[0] + "'" + (guess.empty() ? "" : "; did you mean '" + guess + "'?") +
                      " (try 'help')");
        return true;
    }
    if (command->run == cmd_quit) return false;
    try {
        command->run(session, Args(words.begin() + 1, words.end()));
    } catch (const std::exception& e) {  // a bug: say so in one line, and go on
        session.error(std::string("internal error in '") + command->name + "': " + e.what());
    }
    return true;
}

}  // namespace trapvm::debug
