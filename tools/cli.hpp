// Shared plumbing for the trapvm subcommands: option parsing with clear
// one-line errors, and the subcommand table.
#pragma once

#include "tools/exit_status.hpp"

#include <boost/program_options.hpp>

#include <optional>
#include <string>
#include <vector>

namespace trapvm::cli {

namespace po = boost::program_options;

// A subcommand: `trapvm NAME ARGS...`. run() gets the arguments after NAME
// and returns the process exit status.
struct Subcommand {
    const char* name;
    const char* summary;
    int (*run)(const std::vector<std::string>& args);
};

// What a subcommand accepts: named options plus positional arguments.
struct Usage {
    Usage(std::string command_, std::string synopsis_, std::string about_)
        : command(std::move(command_)), synopsis(std::move(synopsis_)), about(std::move(about_)) {}
    std::string command;   // "asm"
    std::string synopsis;  // "PROGRAM.s [-o IMAGE]"
    std::string about;     // one paragraph for --help
    po::options_description options{"Options"};
    po::options_description arguments;  // what `positional` names: parsed, not listed by --help
    po::positional_options_description positional;
    // Options whose value is optional and only ever adjacent: --NAME=VALUE,
    // or --NAME alone for the default (so `--vmm a.img` leaves a.img a
    // program, which boost's implicit values would take as the value).
    struct OptionalValue {
        std::string name;
        std::string absent;  // the value of --NAME alone
    };
    std::vector<OptionalValue> optional_values;
};

// Parses args against usage (adding --help). Returns the variables, or the
// exit status to return: kExitOk after printing --help, kExitUsage after a
// one-line error plus the usage line on stderr.
struct Parsed {
    po::variables_map vars;
    std::optional<int> exit;
};
Parsed parse(Usage& usage, const std::vector<std::string>& args);

// --profile NAME: the ISA profile (isa-spec/tables/profiles.tbl). parse()
// selects it as the process's active profile (pg32::select_profile) before
// anything is assembled or built; an unknown name is a usage error.
void add_profile_option(Usage& usage);
// The shipped profiles' names, "pg32, leaky-psw, ...", for messages.
std::string profile_names();

// "trapvm asm: error: <message>" on stderr; returns status for `return`.
int fail(const std::string& command, const std::string& message, int status);

// Prints the usage line and a hint to run --help, for errors found after
// parsing (a missing positional argument, say).
int usage_error(const Usage& usage, const std::string& message);

}  // namespace trapvm::cli
