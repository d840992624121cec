// trapvm: one program, git-style subcommands.
//
//   trapvm SUBCOMMAND [OPTIONS] [ARGS]
//
// Boost.Program_options has no subcommands, so main splits at the first word:
// that word picks the subcommand, which parses the rest with its own options.
#include "tools/cli.hpp"
#include "tools/commands.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <string_view>

namespace {

using trapvm::cli::Subcommand;

constexpr Subcommand kSubcommands[] = {
    {"asm", "assemble a PG32 program into an image", trapvm::cli::cmd_asm},
    {"disasm", "list an image: addresses, words, instructions, labels", trapvm::cli::cmd_disasm},
    {"run", "run a program on the PG32 machine", trapvm::cli::cmd_run},
    {"trace", "trace a run: every instruction, trap and monitor exit", trapvm::cli::cmd_trace},
    {"diff", "compare two traces, or a bare and a monitored run", trapvm::cli::cmd_diff},
    {"debug", "debug a program, forward and back, on the machine or under the monitor", trapvm::cli::cmd_debug},
    {"bench", "run the benchmark suite", trapvm::cli::cmd_bench},
    {"check", "classify a profile's instructions on the machine (Popek and Goldberg)", trapvm::cli::cmd_check},
    {"grade", "grade a submission (or a batch) against a lab's lab.yaml", trapvm::cli::cmd_grade},
    {"lab", "list, export and package labs", trapvm::cli::cmd_lab},
    {"grade-job", "the grader's runner: run one test's cases, print their facts", trapvm::cli::cmd_grade_job},
    {"compare", "run programs bare and under every monitor technique, side by side", trapvm::cli::cmd_compare},
};

void print_help(std::ostream& out) {
    out << "usage: trapvm SUBCOMMAND [OPTIONS] [ARGS]\n\n"
           "trapvm: a PG32 machine, assembler and trap-and-emulate monitor for teaching virtualization.\n\n"
           "Subcommands:\n";
    for (const Subcommand& s : kSubcommands) {
        std::string name = s.name;
        out << "  " << name << std::string(10 - name.size(), ' ') << s.summary << "\n";
    }
    out << "\nRun 'trapvm help SUBCOMMAND' (or 'trapvm SUBCOMMAND --help') for a subcommand's options.\n";
}

const Subcommand* find_subcommand(std::string_view word) {
    for (const Subcommand& s : kSubcommands)
        if (word == s.name) return &s;
    return nullptr;
}

int unknown_subcommand(std::string_view word) {
    std::cerr << "trapvm: error: unknown subcommand '" << word << "'\n";
    print_help(std::cerr);
    return trapvm::kExitUsage;
}

// trapvm help [SUBCOMMAND]: the list, or that subcommand's --help.
int help(int argc, char** argv) {
    if (argc == 2) {
        print_help(std::cout);
        return trapvm::kExitOk;
    }
    if (argc > 3) {
        std::cerr << "trapvm: error: 'help' takes one subcommand, got " << argc - 2 << " words\n"
                  << "usage: trapvm help [SUBCOMMAND]\n";
        return trapvm::kExitUsage;
    }
    const Subcommand* s = find_subcommand(argv[2]);
    return s ? s->run({"--help"}) : unknown_subcommand(argv[2]);
}

int dispatch(int argc, char** argv) {
    if (argc < 2) {
        print_help(std::cerr);
        return trapvm::kExitUsage;
    }
    std::string_view word = argv[1];
    if (word == "help") return help(argc, argv);
    if (word == "--help" || word == "-h") {
        print_help(std::cout);
        return trapvm::kExitOk;
    }
    if (word == "--version") {
        std::cout << "trapvm " TRAPVM_VERSION "\n";
        return trapvm::kExitOk;
    }
    if (const Subcommand* s = find_subcommand(word)) return s->run(std::vector<std::string>(argv + 2, argv + argc));
    return unknown_subcommand(word);
}

// What was written to stdout must have arrived: a full disk, a closed
// stdout or a broken pipe (with SIGPIPE ignored) is status 73, never a
// silent 0. (With SIGPIPE at its default, a closed pipe ends trapvm with
// the signal, status 141, as for any Unix filter.)
int check_stdout(int status) {
    std::cout.flush();
    errno = 0;
    bool flushed = std::fflush(stdout) == 0;
    int error = errno;
    if (flushed && !std::ferror(stdout) && std::cout.good()) return status;
    if (status == trapvm::kExitCannotWrite) return status;  // the subcommand has said so already
    std::cerr << "trapvm: error: cannot write to standard output: "
              << (!flushed && error ? std::strerror(error) : "a write failed") << "\n";
    return trapvm::kExitCannotWrite;
}

}  // namespace

int main(int argc, char** argv) {
    // Subcommands report their own errors; this is the last line of defence,
    // so that even a bug ends with one clear line and a documented status.
    try {
        return check_stdout(dispatch(argc, argv));
    } catch (const std::bad_alloc&) {
        std::cerr << "trapvm: error: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "trapvm: internal error: " << e.what() << "\n";
    }
    return trapvm::kExitInternal;
}
