// trapvm trace PROGRAM [--vmm [PROGRAM...]], and trapvm run --trace: run as
// `run` does, writing a trace of every instruction, trap and monitor event.
//
// The run is exactly `run`'s (run_program() with hooks): same console, input,
// limits, messages, --state-json and exit status. Only the console moves:
// to stderr while the trace is on stdout, so the two can be told apart.
#include "tools/commands.hpp"
#include "tools/outcome.hpp"
#include "tools/run_support.hpp"
#include "trace/jsonl.hpp"
#include "trace/session.hpp"
#include "trace/text_format.hpp"
#include "vmm/monitor.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace trapvm::cli {

namespace {

const char* const kTraceOnly[] = {"format", "output", "from", "to", "only", "vm", "max-trace"};

// A trace grows by about 100 bytes per instruction: a runaway program could
// fill a shared machine's disk in minutes without a limit.
constexpr uint64_t kDefaultMaxTrace = pg32::kMaxTraceDefault;

struct TraceOptions {
    bool jsonl = false;
    std::string output;  // a file, or "" for stdout
    trace::Filter filter;
    uint64_t max_bytes = kDefaultMaxTrace;
};

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// --vm vm1 or --vm 1: a VM's name or index.
bool read_vm(const Usage& usage, const po::variables_map& vars, trace::Filter& filter) {
    std::string text = vars["vm"].as<std::string>();
    size_t programs = vars["program"].as<std::vector<std::string>>().size();
    std::optional<uint64_t> index = parse_count(text.rfind("vm", 0) == 0 ? text.substr(2) : text);
    if (!vars.count("vmm")) {
        usage_error(usage, "--vm picks one VM: it needs --vmm");
        return false;
    }
    if (!index || *index >= programs) {
        std::string last = std::to_string(programs - 1);
        usage_error(usage, "--vm '" + text + "': expected vm0..vm" + last + " or an index from 0 to " + last);
        return false;
    }
    filter.vm = static_cast<int>(*index);
    return true;
}

bool read_filter(const Usage& usage, const po::variables_map& vars, trace::Filter& filter) {
    std::optional<uint64_t> from = read_count(usage, vars, "from", filter.from, "a step number");
    if (!from) return false;
    std::optional<uint64_t> to = read_count(usage, vars, "to", filter.to, "a step number");
    if (!to) return false;
    filter.from = *from;
    filter.to = *to;
    if (filter.from > filter.to) {
        usage_error(usage, "--from is after --to: nothing to trace");
        return false;
    }
    if (vars.count("only"))
        for (const std::string& word : vars["only"].as<std::vector<std::string>>()) {
            std::string error;
            if (!filter.add_only(word, &error)) {
                usage_error(usage, error);
                return false;
            }
        }
    return !vars.count("vm") || read_vm(usage, vars, filter);
}

std::optional<TraceOptions> read_trace_options(const Usage& usage, const po::variables_map& vars) {
    TraceOptions options;
    if (vars.count("output") && vars["output"].as<std::string>() != "-")
        options.output = vars["output"].as<std::string>();
    std::string format = vars.count("format")                  ? vars["format"].as<std::string>()
                         : ends_with(options.output, ".jsonl") ? "jsonl"
                                                               : "text";
    if (format != "text" && format != "jsonl") {
        usage_error(usage, "--format '" + format + "': expected text or jsonl");
        return std::nullopt;
    }
    options.jsonl = format == "jsonl";
    std::optional<uint64_t> bytes =
        read_bytes(usage, vars, "max-trace", kDefaultMaxTrace, "a number of bytes, e.g. 65536, 64K or 1G (G = GiB)");
    if (!bytes) return std::nullopt;
    options.max_bytes = *bytes;
    if (!read_filter(usage, vars, options.filter)) return std::nullopt;
    return options;
}

// Writes the trace as the run goes; the run calls it through RunHooks.
// Whole records only, up to the byte budget: the record that would pass it
// stops the trace and the run (the End records are written all the same,
// so the trace says why it ends).
//
// Records are formatted into one buffer, handed to the stream a large
// chunk at a time: per record, no allocation and no stdio call. A
// terminal gets every event as it happens, as before; and the buffer is
// emptied at each End, before anything else the run prints.
class TraceWriter : public RunHooks {
public:
    TraceWriter(std::FILE* out, bool to_stdout, const TraceOptions& options, trace::Header header)
        : out_(out),
          to_stdout_(to_stdout),
          jsonl_(options.jsonl),
          flush_each_(::isatty(::fileno(out)) != 0),
          left_(options.max_bytes),
          header_(std::move(header)),
          text_(header_),
          session_(options.filter, [this](const trace::Event& e) { write(e); }) {
        header_.filter = options.filter.to_json();
    }

    // With the trace on stdout the console goes to stderr, unless stdout is a
    // pipe or a file while stderr is the terminal (trace prog.s | less): there
    // it would paint over the pager, so it is left out (the trace's `out`
    // lines show every byte).
    std::FILE* console() override {
        if (!to_stdout_) return stdout;
        return !::isatty(STDOUT_FILENO) && ::isatty(STDERR_FILENO) ? discarded_output() : stderr;
    }

    Observer& observe(Machine& machine, const Image& image) override {
        write_header();
        return session_.observe(machine, &image);
    }

    vmm::MonitorObserver& observe(vmm::Monitor& monitor, const std::vector<Image>& images) override {
        write_header();
        std::vector<const Image*> pointers;
        for (const Image& image : images) pointers.push_back(&image);
        return session_.observe(monitor, pointers);
    }

    void ended(int vm, const Outcome& outcome, uint64_t steps) override { session_.ended(vm, steps, to_json(outcome)); }
    bool stop_requested() const override { return full_; }

    // Flushes; false if anything could not be written.
    bool close() {
        flush();
        return std::fflush(out_) == 0 && !std::ferror(out_);
    }

private:
    static constexpr size_t kChunk = 1 << 20;  // bytes handed to the stream at a time

    void write_header() {  // once the programs are loaded: their profile is the run's
        header_.profile = pg32::active_profile().name;
        buffer_.put(jsonl_ ? trace::to_line(trace::to_json(header_)) + "\n" : text_.header(header_));
        flush();
    }
    void write(const trace::Event& e) {
        size_t start = buffer_.size();
        if (jsonl_) jsonl_writer_.append(buffer_, e);
        else text_.append(buffer_, e);
        if (e.type != trace::Event::Type::End) {
            size_t bytes = buffer_.size() - start;
            if (full_ || bytes > left_) {
                buffer_.truncate(start);  // not one byte of a record that does not fit
                full_ = true;
                session_.stop();
                return;
            }
            left_ -= bytes;
        }
        if (flush_each_ || e.type == trace::Event::Type::End || buffer_.size() >= kChunk) flush();
    }
    void flush() {
        if (!buffer_.empty()) std::fwrite(buffer_.data(), 1, buffer_.size(), out_);  // errors: ferror() in close()
        if (flush_each_) std::fflush(out_);
        buffer_.clear();
    }

    std::FILE* out_;
    bool to_stdout_, jsonl_;
    bool flush_each_;  // a terminal: each event as it happens
    uint64_t left_;    // bytes the budget still allows
    bool full_ = false;
    trace::OutBuffer buffer_;
    trace::JsonlWriter jsonl_writer_;
    trace::Header header_;
    trace::TextFormat text_;
    trace::Session session_;
};

trace::Header header_of(const po::variables_map& vars, const RunLimits& limits) {
    trace::Header h;
    h.vmm = vars.count("vmm");
    h.programs = vars["program"].as<std::vector<std::string>>();
    h.memory_size = limits.memory_size;
    std::optional<uint64_t> quantum =
        vars.count("quantum") ? parse_count(vars["quantum"].as<std::string>()) : pg32::kQuantumDefault;
    if (h.vmm) h.quantum = static_cast<uint32_t>(quantum.value_or(0));
    return h;
}

}  // namespace

void add_trace_options(Usage& usage, bool trace_switch) {
    if (trace_switch)
        usage.options.add_options()("trace", "write a trace of the run (options below; see 'trapvm trace --help')");
    usage.options.add_options()                                                                                 //
        ("format", po::value<std::string>(), "trace format: text (default) or jsonl (default for -o *.jsonl)")  //
        ("output,o", po::value<std::string>(), "write the trace to FILE ('-': stdout, the default)")            //
        ("from", po::value<std::string>(), "trace from step N (counted per VM)")                                //
        ("to", po::value<std::string>(), "trace up to step M, inclusive; the run goes on untraced")             //
        ("only", po::value<std::vector<std::string>>(),
         "only 'traps' (traps, interrupts, monitor exits), or "
         "'user' or 'system' (by the (virtual) mode); repeatable")               //
        ("vm", po::value<std::string>(), "with --vmm: only this VM (vm1 or 1)")  //
        ("max-trace", po::value<std::string>(),
         "stop the run when the trace would pass BYTES, e.g. 64M "
         "(default 1G; exit status 122)");
}

bool trace_requested(const po::variables_map& vars) {
    if (vars.count("trace")) return true;
    for (const char* name : kTraceOnly)
        if (vars.count(name)) return true;
    return false;
}

int run_traced(const Usage& usage, const po::variables_map& vars, const RunLimits& limits) {
    if (usage.command == "run" && !vars.count("trace"))
        for (const char* name : kTraceOnly)
            if (vars.count(name))
                return usage_error(usage, std::string("--") + name + " is a trace option: it needs --trace");
    std::optional<TraceOptions> options = read_trace_options(usage, vars);
    if (!options) return kExitUsage;
    std::FILE* out = stdout;
    if (!options->output.empty()) {
        if (!(out = std::fopen(options->output.c_str(), "w")))
            return fail(usage.command, "cannot write the trace to '" + options->output + "'", kExitCannotWrite);
        std::setvbuf(out, nullptr, _IOFBF, 1 << 20);
    }
    int status;
    bool written;
    {
        TraceWriter writer(out, out == stdout, *options, header_of(vars, limits));
        status = run_program(usage, vars, limits, &writer);
        written = writer.close();
    }
    if (out != stdout) written = std::fclose(out) == 0 && written;
    if (!written) {
        std::string where = options->output.empty() ? "" : " to '" + options->output + "'";
        return fail(usage.command, "cannot write the trace" + where, kExitCannotWrite);
    }
    return status;
}

int cmd_trace(const Args& args) {
    Usage usage{"trace", "PROGRAM [OPTIONS]  |  --vmm[=KIND] PROGRAM... [OPTIONS]",
                "Runs PROGRAM as 'trapvm run' does (the same as 'trapvm run --trace') and\n"
                "writes a trace: every instruction (step, mode, pc, symbol, source line,\n"
                "disassembly, register, memory and csr writes as old -> new, port accesses),\n"
                "every trap and interrupt (with the trap sequence's writes), idle time in wfi,\n"
                "and with --vmm every monitor exit (reason, the instruction, where it is and the\n"
                "csr or port it touched, the decision and why, virtual state changed, real R),\n"
                "injected interrupt and switch between VMs. Under --vmm modes are the guest's\n"
                "virtual ones. User programs the image holds are named by their own symbols.\n\n"
                "Output: the trace goes to stdout, or with -o FILE to FILE. While the trace is\n"
                "on stdout the guest's console goes to stderr, but not to a terminal when the\n"
                "trace goes to a pipe or a file ('trace prog.s | less': it would paint over the\n"
                "pager; the trace shows each byte written); with -o FILE it stays on stdout.\n"
                "Formats: text, for reading (80 columns; monitor events marked >>), and jsonl,\n"
                "one JSON object per line for graders and 'trapvm diff' (schema:\n"
                "trace/FORMAT.md). Filters cut the trace, never the run.\n\n"
                "Exit status: as 'trapvm run' (0 halt, the guest's status after power-off, 124\n"
                "step limit, 125 unhandled trap, 126 wfi deadlock, 65 bad program, 66\n"
                "unreadable file), 122 trace limit, 2 bad options, 73 when the trace cannot\n"
                "be written."};
    return run_command(usage, args, true);
}

}  // namespace trapvm::cli
