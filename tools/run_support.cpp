// Shared plumbing of the subcommands that run programs (see run_support.hpp).
#include "tools/run_support.hpp"

#include "tools/outcome.hpp"
#include "tools/program.hpp"

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <iostream>

namespace trapvm::cli {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void on_sigint(int) { g_interrupted = 1; }
}  // namespace

void catch_interrupts() { std::signal(SIGINT, on_sigint); }
bool interrupted() { return g_interrupted != 0; }

void add_run_options(Usage& usage) {
    usage.options.add_options()                                                                             //
        ("max-steps", po::value<std::string>(), "stop after N instructions (exit status 124)")             //
        ("input", po::value<std::string>(), "console input from FILE ('-' for stdin; default: stdin when "
                                            "it is not a terminal)")                                      //
        ("mem-size", po::value<std::string>(), "memory size in bytes, e.g. 65536, 64K, 1M (default 1M)")  //
        ("quiet,q", "print no warnings or end-of-run messages")                                           //
        ("state-json", po::value<std::string>(), "write the final machine state to FILE as JSON")         //
        ("include,I", po::value<std::vector<std::string>>(), "assembler include directory")              //
        ("define,D", po::value<std::vector<std::string>>(), "assembler constant NAME=VALUE");
}

std::shared_ptr<InputStream> open_input(const std::string& command, const po::variables_map& vars) {
    std::shared_ptr<InputStream> input;
    if (vars.count("input") && vars["input"].as<std::string>() != "-") {
        std::string error;
        std::optional<std::string> bytes = read_file(vars["input"].as<std::string>(), &error);
        if (!bytes) {
            fail(command, "--input: " + error, kExitNoInput);
            return nullptr;
        }
        input = InputStream::from_bytes(std::move(*bytes));
    } else if (vars.count("input") || !::isatty(STDIN_FILENO)) {
        input = InputStream::from_fd(STDIN_FILENO);
    } else {
        input = InputStream::none();
    }
    input->before_blocking = [] { std::fflush(stdout); };  // show a prompt before waiting for its answer
    return input;
}

std::optional<RunLimits> read_limits(const Usage& usage, const po::variables_map& vars) {
    RunLimits limits;
    if (vars.count("mem-size")) {
        std::optional<uint64_t> size = parse_count(vars["mem-size"].as<std::string>());
        if (!size || *size == 0 || *size % 4 != 0 || *size > kMaxMemorySize) {
            usage_error(usage, "--mem-size '" + vars["mem-size"].as<std::string>() +
                                   "': expected a multiple of 4 bytes from 4 to 256M");
            return std::nullopt;
        }
        limits.memory_size = static_cast<uint32_t>(*size);
    }
    if (vars.count("max-steps")) {
        std::optional<uint64_t> steps = parse_count(vars["max-steps"].as<std::string>());
        if (!steps) {
            usage_error(usage, "--max-steps '" + vars["max-steps"].as<std::string>() +
                                   "': expected a number of instructions, e.g. 1000000 or 10M");
            return std::nullopt;
        }
        limits.max_steps = *steps;
    }
    return limits;
}

void warn_unknown_ports(const std::string& prefix, const std::vector<uint32_t>& ports) {
    if (ports.empty()) return;
    std::string list;
    for (size_t i = 0; i < ports.size() && i < 4; ++i) {
        char port[16];
        std::snprintf(port, sizeof port, "%s0x%04x", i ? ", " : "", ports[i]);
        list += port;
    }
    if (ports.size() > 4) list += " and " + std::to_string(ports.size() - 4) + " more";
    std::cerr << prefix << "warning: the program used " << (ports.size() == 1 ? "port " : "ports ") << list
              << (ports.size() == 1 ? ", which no device owns" : ", which no device owns")
              << " (reads give 0xffffffff, writes do nothing)\n";
}

bool write_json(const std::string& command, const std::string& path, const nlohmann::ordered_json& value) {
    std::ofstream out(path);
    out << value.dump(2) << "\n";
    out.close();
    if (!out) {
        fail(command, "cannot write '" + path + "'", kExitCannotWrite);
        return false;
    }
    return true;
}

AssembleOptions assemble_options(const po::variables_map& vars) {
    AssembleOptions options;
    if (vars.count("include")) options.include_dirs = vars["include"].as<std::vector<std::string>>();
    if (vars.count("define"))
        for (const std::string& d : vars["define"].as<std::vector<std::string>>()) {
            size_t eq = d.find('=');
            std::string name = d.substr(0, eq);
            std::optional<uint64_t> value = eq == std::string::npos ? 1 : parse_count(d.substr(eq + 1));
            options.defines.emplace_back(name, static_cast<int64_t>(value.value_or(0)));
        }
    return options;
}

}  // namespace trapvm::cli
