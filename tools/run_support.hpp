// What `run`, `trace` and `debug` share: console wiring, the machine size
// option, Ctrl-C, and writing --state-json.
#pragma once

#include "assembler/assembler.hpp"
#include "machine/machine.hpp"
#include "tools/cli.hpp"
#include "tools/outcome.hpp"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <memory>
#include <string>

namespace trapvm::vmm {
class Monitor;
class MonitorObserver;
enum class Technique : uint8_t;
}  // namespace trapvm::vmm

namespace trapvm::cli {

// Console output straight to a C stream (stdout by default). A failed
// write (a full disk, a closed pipe) is remembered: the machine stops at
// the `out` that finds it, and the run ends with status 73.
// A stream that writes nowhere (/dev/null, opened once; stderr if it cannot be).
std::FILE* discarded_output();

class StreamSink : public OutputSink {
public:
    explicit StreamSink(std::FILE* stream) : stream_(stream) {}
    void put(char byte) override {
        if (std::fputc(byte, stream_) == EOF) note_error();
    }
    void flush() override {
        if (std::fflush(stream_) != 0) note_error();
    }
    bool failed() const override { return error_ != 0 || std::ferror(stream_); }
    // Why the write failed ("No space left on device"), or "".
    std::string error() const;

protected:
    std::FILE* stream_;

private:
    void note_error() {
        if (!error_) error_ = errno ? errno : EIO;
    }
    int error_ = 0;
};

// The options every subcommand that runs a program takes:
// --max-steps, --max-output, --input, --mem-size, --quiet, --state-json, -I, -D.
void add_run_options(Usage& usage);

// The options several subcommands share, each declared in one place, so its
// help says the same everywhere; `when` is the condition, as in "with --vmm".
void add_max_steps_option(Usage& usage, const char* when = nullptr, const char* fallback = "100M");
void add_mem_size_option(Usage& usage, const char* when = nullptr);
void add_quantum_option(Usage& usage, const char* when = "with --vmm");
void add_input_option(Usage& usage, const char* text);

// Console input as --input says: a file, "-" for stdin, and by default
// stdin when it is not a terminal (else no input at all). Nothing, after an
// error message, when the file cannot be read.
std::shared_ptr<InputStream> open_input(const std::string& command, const po::variables_map& vars);

inline constexpr uint64_t kDefaultMaxOutput = pg32::kMaxOutputDefault;
// A runaway program (a loop that never halts, a `sys` that repeats because
// the handler forgot epc + 4) stops within seconds; --max-steps lifts it.
inline constexpr uint64_t kDefaultMaxSteps = pg32::kMaxStepsDefault;
inline constexpr uint64_t kNoStepLimit = UINT64_MAX;

struct RunLimits {
    uint32_t memory_size = pg32::kMemorySizeDefault;
    uint64_t max_steps = kDefaultMaxSteps;
    uint64_t max_output = kDefaultMaxOutput;  // console bytes
};
// The option --NAME (parse_count with unit: 1000, 0x400, 10M, 64K) in
// min..max, or `absent` when it is not given; nothing after a usage error
// ("expected EXPECTED").
std::optional<uint64_t> read_count(const Usage& usage, const po::variables_map& vars, const char* name, uint64_t absent,
                                   const char* expected, uint64_t min = 0, uint64_t max = UINT64_MAX,
                                   Unit unit = Unit::Count);
std::optional<uint64_t> read_bytes(const Usage& usage, const po::variables_map& vars, const char* name, uint64_t absent,
                                   const char* expected, uint64_t min = 0, uint64_t max = UINT64_MAX);
// --max-steps: a count, or "none" for no limit; kDefaultMaxSteps when absent.
std::optional<uint64_t> read_max_steps(const Usage& usage, const po::variables_map& vars, uint64_t min = 0);

// --mem-size: a multiple of 4 bytes up to kMaxMemorySize, or `absent`.
std::optional<uint32_t> read_memory_size(const Usage& usage, const po::variables_map& vars, uint32_t absent);

// Reads --mem-size, --max-steps and --max-output; nothing after a usage error.
std::optional<RunLimits> read_limits(const Usage& usage, const po::variables_map& vars);

// What tracing adds to a run (cmd_trace.cpp); a plain run has none, and
// runs the zero-cost path.
class RunHooks {
public:
    virtual ~RunHooks() = default;
    // Where the guest console goes (a plain run: stdout).
    virtual std::FILE* console() = 0;
    // The observer, asked for once the program is loaded. When its before()
    // returns true (RunResult::Kind::Break, or a monitor break) it has seen
    // all it wants: the run goes on without it.
    virtual Observer& observe(Machine& machine, const Image& image) = 0;
    virtual vmm::MonitorObserver& observe(vmm::Monitor& monitor, const std::vector<Image>& images) = 0;
    // The machine (vm -1) or a VM stopped; called in VM order.
    virtual void ended(int vm, const Outcome& outcome, uint64_t steps) = 0;
    // True once the hooks want the run stopped (the trace is full); the
    // run then ends with trace_limit().
    virtual bool stop_requested() const = 0;
};

// `run` and `trace` (always_trace): parses args with usage plus the run,
// monitor and trace options, then runs; returns the exit status.
int run_command(Usage& usage, const std::vector<std::string>& args, bool always_trace);

// Runs the programs of vars as `run` does, on the bare machine or with
// --vmm under the monitor; returns the exit status.
int run_program(const Usage& usage, const po::variables_map& vars, const RunLimits& limits, RunHooks* hooks);

// --vmm, --stats, --quantum: running under the monitor (cmd_run_vmm.cpp).
void add_monitor_options(Usage& usage);
// --vmm[=KIND]: the monitor, with the technique KIND (vmm/technique.hpp);
// --vmm alone is trap-and-emulate. `what` ends the help line.
void add_vmm_option(Usage& usage, const char* what);
// The technique of --vmm; nothing after a usage error that lists the kinds.
// (Call it only when --vmm is given.)
std::optional<vmm::Technique> read_technique(const Usage& usage, const po::variables_map& vars);
// Before the monitor runs guests with `technique` on the active profile:
// kExitOk, after warn_if_not_virtualizable() unless the technique makes up
// for the profile's flaws (hardware, in guest mode); kExitUsage, with one
// line on stderr, when it cannot run the profile (vmm::technique_unavailable).
int check_technique(const std::string& command, vmm::Technique technique);
// --quantum, pg32::kQuantumDefault when not given; nothing after a usage error.
std::optional<uint32_t> read_quantum(const Usage& usage, const po::variables_map& vars);
int run_under_monitor(const Usage& usage, const po::variables_map& vars, const RunLimits& limits,
                      RunHooks* hooks = nullptr);

// --format, -o, --from, --to, --only, --vm; with trace_switch also --trace
// (for `run`). run_traced() runs with a trace (cmd_trace.cpp).
void add_trace_options(Usage& usage, bool trace_switch);
bool trace_requested(const po::variables_map& vars);  // --trace, or any of its options
int run_traced(const Usage& usage, const po::variables_map& vars, const RunLimits& limits);

// Before the monitor runs guests: a warning on stderr when the active
// profile fails Popek and Goldberg's Theorem 1 (or Theorem 3), naming the
// instructions its table declares sensitive and unprivileged; none under
// the patch technique, which makes exactly those trap.
void warn_if_not_virtualizable(const std::string& command, vmm::Technique technique);

// One warning line on stderr per port no device owns.
void warn_unknown_ports(const std::string& prefix, const std::vector<uint32_t>& ports);

// Catches Ctrl-C so a run stops cleanly with its output flushed; a read
// of console input that waits is interrupted too (no SA_RESTART).
void catch_interrupts();
bool interrupted();

// The outcome of a run that ended this way, as the user sees it: a console
// write that failed at the very end (the last flush) is status 73 too.
Outcome final_outcome(Outcome outcome, const StreamSink* console);

// Writes JSON to a file; false after an error message.
bool write_json(const std::string& command, const std::string& path, const nlohmann::ordered_json& value);

// -I DIR and -D NAME=VALUE, for the subcommands that assemble.
void add_assembler_options(Usage& usage);
// The assembler options they give; nothing after a usage error (bad -D).
std::optional<AssembleOptions> assemble_options(const Usage& usage, const po::variables_map& vars);

}  // namespace trapvm::cli
