// Shared plumbing of the subcommands that run programs (see run_support.hpp).
#include "tools/run_support.hpp"

#include "tools/outcome.hpp"
#include "tools/program.hpp"
#include "vmm/technique.hpp"

#include <unistd.h>
#include <nlohmann/json.hpp>

#include <charconv>
#include <csignal>
#include <cstring>
#include <fstream>
#include <iostream>

namespace trapvm::cli {

namespace {
volatile std::sig_atomic_t g_interrupted = 0;
void on_sigint(int) { g_interrupted = 1; }
}  // namespace

void catch_interrupts() {
    struct sigaction action {};
    action.sa_handler = on_sigint;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0;  // no SA_RESTART: a read waiting for console input returns EINTR
    sigaction(SIGINT, &action, nullptr);
}
bool interrupted() { return g_interrupted != 0; }

std::string StreamSink::error() const { return error_ ? std::strerror(error_) : ""; }

Outcome final_outcome(Outcome outcome, const StreamSink* console) {
    if (console && console->failed() && outcome.kind != Outcome::Kind::OutputFailed)
        outcome = Outcome{.kind = Outcome::Kind::OutputFailed, .pc = outcome.pc};
    if (outcome.kind == Outcome::Kind::OutputFailed && console) outcome.message = console->error();
    return outcome;
}

// "with --vmm: " + text, or just text.
static std::string help(const char* when, const std::string& text) {
    return when ? std::string(when) + ": " + text : text;
}

void add_max_steps_option(Usage& usage, const char* when, const char* fallback) {
    usage.options.add_options()("max-steps", po::value<std::string>(),
                                help(when, std::string("stop after N instructions, e.g. 10M = ten million (default ") +
                                               fallback + "; none: no limit; exit status 124)")
                                    .c_str());
}

void add_mem_size_option(Usage& usage, const char* when) {
    usage.options.add_options()(
        "mem-size", po::value<std::string>(),
        help(when, "memory in bytes (each VM's under --vmm), e.g. 64K, 1M = 1 MiB (default 1M)").c_str());
}

void add_quantum_option(Usage& usage, const char* when) {
    usage.options.add_options()(
        "quantum", po::value<std::string>(),
        help(when, "units of guest work per time slice (default 20000; vmm/README.md)").c_str());
}

void add_input_option(Usage& usage, const char* text) {
    usage.options.add_options()("input", po::value<std::string>(), text);
}

void add_run_options(Usage& usage) {
    add_max_steps_option(usage);
    usage.options.add_options()  //
        ("max-output", po::value<std::string>(),
         "stop after BYTES of console output, e.g. 1M (default 16M; exit status 123)");
    add_input_option(usage,
                     "console input from FILE (default: stdin, read when the program asks; at a terminal, type it "
                     "and end it with Ctrl-D)");
    add_mem_size_option(usage);
    usage.options.add_options()                                  //
        ("quiet,q", "print no warnings or end-of-run messages")  //
        ("state-json", po::value<std::string>(), "write the final machine state to FILE as JSON");
    add_assembler_options(usage);
}

std::FILE* discarded_output() {
    static std::FILE* null = std::fopen("/dev/null", "w");
    return null ? null : stderr;
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
    } else {
        input = InputStream::from_fd(STDIN_FILENO);  // a file, a pipe or a terminal: nothing is read until asked
    }
    bool terminal = !vars.count("input") && ::isatty(STDIN_FILENO) && !vars.count("quiet");
    auto told = std::make_shared<bool>(false);
    input->before_blocking = [command, terminal, told] {  // before a wait for console input
        std::fflush(stdout);                              // show a prompt before waiting for its answer
        if (!terminal || *told) return;
        *told = true;
        std::cerr << "trapvm " << command
                  << ": the program waits for console input: type it here (Ctrl-D ends the input, Ctrl-C the "
                     "run), or give --input FILE\n";
    };
    input->stop_waiting = [] { return interrupted(); };  // Ctrl-C ends the wait (and the run)
    return input;
}

std::optional<uint64_t> read_count(const Usage& usage, const po::variables_map& vars, const char* name, uint64_t absent,
                                   const char* expected, uint64_t min, uint64_t max, Unit unit) {
    if (!vars.count(name)) return absent;
    const std::string& text = vars[name].as<std::string>();
    std::optional<uint64_t> n = parse_count(text, unit);
    if (n && *n >= min && *n <= max) return n;
    usage_error(usage, std::string("--") + name + " '" + text + "': expected " + expected);
    return std::nullopt;
}

std::optional<uint64_t> read_bytes(const Usage& usage, const po::variables_map& vars, const char* name, uint64_t absent,
                                   const char* expected, uint64_t min, uint64_t max) {
    return read_count(usage, vars, name, absent, expected, min, max, Unit::Bytes);
}

std::optional<uint64_t> read_max_steps(const Usage& usage, const po::variables_map& vars, uint64_t min) {
    if (vars.count("max-steps") && vars["max-steps"].as<std::string>() == "none") return kNoStepLimit;
    return read_count(usage, vars, "max-steps", kDefaultMaxSteps,
                      "a number of instructions, e.g. 1000000 or 10M (M = million), or none", min);
}

std::optional<uint32_t> read_memory_size(const Usage& usage, const po::variables_map& vars, uint32_t absent) {
    const char* expected = "a multiple of 4 bytes from 4 to 256M";
    std::optional<uint64_t> size = read_bytes(usage, vars, "mem-size", absent, expected, 4, kMaxMemorySize);
    if (size && *size % 4 == 0) return static_cast<uint32_t>(*size);
    if (size) usage_error(usage, "--mem-size '" + vars["mem-size"].as<std::string>() + "': expected " + expected);
    return std::nullopt;
}

std::optional<RunLimits> read_limits(const Usage& usage, const po::variables_map& vars) {
    RunLimits limits;
    std::optional<uint32_t> size = read_memory_size(usage, vars, limits.memory_size);
    if (!size) return std::nullopt;
    limits.memory_size = *size;
    std::optional<uint64_t> steps = read_max_steps(usage, vars);
    if (!steps) return std::nullopt;
    limits.max_steps = *steps;
    std::optional<uint64_t> bytes =
        read_bytes(usage, vars, "max-output", limits.max_output, "a number of bytes, e.g. 65536, 64K or 16M (M = MiB)");
    if (!bytes) return std::nullopt;
    limits.max_output = *bytes;
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

// "NAME=VALUE" (VALUE decimal, 0x hex or 0b binary, maybe negative) or
// "NAME", which means NAME=1 as with a C compiler.
static bool parse_define(const std::string& text, std::pair<std::string, int64_t>& out) {
    size_t eq = text.find('=');
    out.first = text.substr(0, eq);
    if (out.first.empty()) return false;
    if (eq == std::string::npos) return out.second = 1, true;
    std::string v = text.substr(eq + 1);
    bool negative = v.starts_with("-");
    if (negative) v.erase(0, 1);
    int base = 10;
    if (v.starts_with("0x") || v.starts_with("0X")) base = 16, v.erase(0, 2);
    else if (v.starts_with("0b") || v.starts_with("0B")) base = 2, v.erase(0, 2);
    uint64_t n = 0;
    auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n, base);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || n > (uint64_t{1} << 32)) return false;
    out.second = negative ? -static_cast<int64_t>(n) : static_cast<int64_t>(n);
    return true;
}

// The active profile's instructions that are sensitive and not privileged
// (for Theorem 3, only those that are sensitive from user mode too).
static std::string violators(bool theorem3) {
    std::string out;
    for (const pg32::InsnInfo& i : pg32::kInsns)
        if ((i.profiles & pg32::active_profile().bit) && i.sensitivity != pg32::kInnocuous && !i.privileged &&
            !(theorem3 && i.system_only))
            out += (out.empty() ? "" : ", ") + std::string(i.mnemonic);
    return out;
}

void warn_if_not_virtualizable(const std::string& command, vmm::Technique technique) {
    const pg32::ProfileInfo& p = pg32::active_profile();
    if (p.theorem1 || pg32::is_lab_profile(p)) return;  // a lab profile's verdicts are the lab's to find
    if (technique == vmm::Technique::Patch || technique == vmm::Technique::Hardware) return;  // they see the flaws
    std::cerr << "trapvm " << command << ": warning: profile " << p.name
              << " fails Popek and Goldberg's Theorem 1: " << violators(false)
              << " is sensitive but not privileged, so the monitor never sees it and the guest may behave differently"
              << (p.theorem3 ? " (Theorem 3 holds: a hybrid monitor would do)" : "; Theorem 3 fails too")
              << " (trapvm check --profile " << p.name << ")\n";
}

void add_assembler_options(Usage& usage) {
    usage.options.add_options()                                                                                      //
        ("include-dir,I", po::value<std::vector<std::string>>(), "also look for .include and .incbin files in DIR")  //
        ("define,D", po::value<std::vector<std::string>>(), "define the constant NAME (NAME=VALUE, or NAME for 1)");
    add_profile_option(usage);
}

std::optional<AssembleOptions> assemble_options(const Usage& usage, const po::variables_map& vars) {
    AssembleOptions options;
    if (vars.count("include-dir")) options.include_dirs = vars["include-dir"].as<std::vector<std::string>>();
    if (vars.count("define"))
        for (const std::string& d : vars["define"].as<std::vector<std::string>>()) {
            std::pair<std::string, int64_t> def;
            if (!parse_define(d, def)) {
                usage_error(usage, "bad -D '" + d + "': expected NAME=NUMBER");
                return std::nullopt;
            }
            options.defines.push_back(def);
        }
    return options;
}

}  // namespace trapvm::cli
