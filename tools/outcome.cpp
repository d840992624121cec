// Outcomes, exit statuses and the --state-json object (see outcome.hpp).
#include "tools/outcome.hpp"
#include "isa-spec/hex.hpp"

#include "tools/exit_status.hpp"
#include "tools/program.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace trapvm::cli {

namespace {
Outcome outcome_of_stop(const Stop& stop, bool step_limit_reached, uint32_t pc) {
    using Kind = Outcome::Kind;
    switch (stop.reason) {
    case StopReason::Halt: return {.kind = Kind::Halt, .pc = stop.pc};
    case StopReason::PowerOff: return {.kind = Kind::PowerOff, .status = stop.status, .pc = stop.pc};
    case StopReason::UnhandledTrap: return {.kind = Kind::UnhandledTrap, .trap = stop.trap, .pc = stop.pc};
    case StopReason::Deadlock: return {.kind = Kind::Deadlock, .trap = stop.trap, .pc = stop.pc};  // trap: a trap loop
    case StopReason::OutputLimit: return {.kind = Kind::OutputLimit, .pc = stop.pc};
    case StopReason::OutputFailed: return {.kind = Kind::OutputFailed, .pc = stop.pc};
    case StopReason::Interrupted: return {.kind = Kind::Interrupted, .pc = stop.pc};
    case StopReason::InternalError: return {.kind = Kind::Error, .pc = stop.pc, .message = stop.message};
    case StopReason::Running: break;
    }
    if (step_limit_reached) return {.kind = Kind::StepLimit, .pc = pc};
    return {.kind = Kind::Interrupted, .pc = pc};
}
}  // namespace

Outcome outcome_of(const Machine& machine, bool step_limit_reached) {
    return outcome_of(machine.stop(), step_limit_reached, machine.pc(), machine.priv());
}

// (A trap with no handler changes nothing: the mode is the trapping code's.)
Outcome outcome_of(const Stop& stop, bool step_limit_reached, uint32_t pc, const PrivRegs& priv) {
    Outcome o = outcome_of_stop(stop, step_limit_reached, pc);
    o.user = !priv.system_mode();
    o.rbase = priv.rbase;
    return o;
}

Outcome outcome_of(const Stop& stop, bool step_limit_reached, uint32_t pc) {
    return outcome_of_stop(stop, step_limit_reached, pc);
}

Outcome output_limit(const Outcome& at) {
    return {.kind = Outcome::Kind::OutputLimit, .pc = at.pc, .user = at.user, .rbase = at.rbase};
}
Outcome trace_limit(const Outcome& at) {
    return {.kind = Outcome::Kind::TraceLimit, .pc = at.pc, .user = at.user, .rbase = at.rbase};
}

int exit_status(const Outcome& o) {
    switch (o.kind) {
    case Outcome::Kind::Halt: return kExitOk;
    case Outcome::Kind::PowerOff: return static_cast<int>(o.status & 0xff);
    case Outcome::Kind::StepLimit: return kExitStepLimit;
    case Outcome::Kind::OutputLimit: return kExitOutputLimit;
    case Outcome::Kind::OutputFailed: return kExitCannotWrite;
    case Outcome::Kind::TraceLimit: return kExitTraceLimit;
    case Outcome::Kind::UnhandledTrap: return kExitUnhandledTrap;
    case Outcome::Kind::Deadlock: return kExitDeadlock;
    case Outcome::Kind::Interrupted: return kExitInterrupted;
    case Outcome::Kind::Error: return kExitInternal;
    }
    return kExitInternal;
}

std::string describe(const Outcome& o, const Image* image, uint64_t steps) {
    std::string at = image ? describe_pc(*image, o.pc, o.user, o.rbase) : pg32::hex32(o.pc);
    std::string after = " after " + std::to_string(steps) + " instructions";
    switch (o.kind) {
    case Outcome::Kind::Halt:
    case Outcome::Kind::PowerOff: return "";
    case Outcome::Kind::StepLimit:
        return "stopped at the step limit (--max-steps) at pc " + at + after +
               "; to run longer, raise it (--max-steps 1G) or lift it (--max-steps none)";
    case Outcome::Kind::OutputLimit:
        return "the console output reached its limit (--max-output): stopped at pc " + at + after;
    case Outcome::Kind::OutputFailed:
        return "cannot write the console output" + (o.message.empty() ? "" : ": " + o.message) + ": stopped at pc " +
               at + after;
    case Outcome::Kind::TraceLimit:
        return "the trace reached its limit (--max-trace): stopped at pc " + at + after +
               "; narrow the trace with --from, --to or --only, or raise the limit";
    case Outcome::Kind::UnhandledTrap: {
        const pg32::CauseInfo* cause = pg32::cause_by_code(static_cast<uint32_t>(o.trap.cause));
        std::string text = "unhandled trap: " + pg32::cause_name(static_cast<uint32_t>(o.trap.cause)) + " (" +
                           (cause ? cause->summary : "") + ") at pc " + at;
        if (cause && cause->badaddr != pg32::BadAddr::Zero)
            text += std::string(cause->badaddr == pg32::BadAddr::Word ? ", instruction word " : ", address ") +
                    pg32::hex32(o.trap.badaddr);
        return text + "; tvec is 0, so no trap handler is installed (set one with csrw tvec, REG)";
    }
    case Outcome::Kind::Deadlock:
        if (o.trap.cause != pg32::Cause{})
            return "trap loop: the trap handler at tvec = " + at + " traps at once (" +
                   pg32::cause_name(static_cast<uint32_t>(o.trap.cause)) +
                   "), again and again, so the program "
                   "can never go on";
        return "wfi at pc " + at +
               " waits for an interrupt that can never come (the timer is off and the "
               "console interrupt is disabled)";
    case Outcome::Kind::Interrupted: return "interrupted at pc " + at + after;
    case Outcome::Kind::Error: return o.message;
    }
    return "";
}

nlohmann::ordered_json to_json(const Outcome& o) {
    using nlohmann::ordered_json;
    switch (o.kind) {
    case Outcome::Kind::Halt: return {{"reason", "halt"}, {"pc", o.pc}};
    case Outcome::Kind::PowerOff: return {{"reason", "poweroff"}, {"status", o.status}, {"pc", o.pc}};
    case Outcome::Kind::StepLimit: return {{"reason", "step-limit"}, {"pc", o.pc}};
    case Outcome::Kind::OutputLimit: return {{"reason", "output-limit"}, {"pc", o.pc}};
    case Outcome::Kind::OutputFailed: return {{"reason", "output-failed"}, {"pc", o.pc}};
    case Outcome::Kind::TraceLimit: return {{"reason", "trace-limit"}, {"pc", o.pc}};
    case Outcome::Kind::UnhandledTrap:
        return {{"reason", "unhandled-trap"},
                {"cause", pg32::cause_name(static_cast<uint32_t>(o.trap.cause))},
                {"pc", o.pc},
                {"badaddr", o.trap.badaddr}};
    case Outcome::Kind::Deadlock: return {{"reason", "deadlock"}, {"pc", o.pc}};
    case Outcome::Kind::Interrupted: return {{"reason", "interrupted"}, {"pc", o.pc}};
    case Outcome::Kind::Error: return {{"reason", "error"}, {"message", o.message}};
    }
    return {};
}

nlohmann::ordered_json machine_state(const Machine& m) {
    return cpu_state(m.pc(), m.regs(), m.priv(), m.steps(), m.ticks());
}

nlohmann::ordered_json cpu_state(uint32_t pc, const Registers& regs, const PrivRegs& priv, uint64_t steps,
                                 uint64_t ticks) {
    nlohmann::ordered_json r = nlohmann::ordered_json::array();
    for (int i = 0; i < 16; ++i) r.push_back(regs[i]);
    nlohmann::ordered_json csr = nlohmann::ordered_json::object();
    for (const pg32::CsrInfo& c : pg32::kCsrs) csr[c.name] = priv.read(c.value);
    return {{"pc", pc},       {"regs", r},     {"csr", csr}, {"mode", priv.system_mode() ? "system" : "user"},
            {"steps", steps}, {"ticks", ticks}};
}

// The multiplier a suffix means for unit, or 0 for none it takes.
static uint64_t suffix_scale(const std::string& suffix, Unit unit) {
    if (suffix.empty()) return 1;
    if (unit == Unit::Count) {
        if (suffix == "k" || suffix == "K") return 1'000;
        if (suffix == "M") return 1'000'000;
        if (suffix == "G") return 1'000'000'000;
        return 0;
    }
    if (suffix == "K" || suffix == "k" || suffix == "KiB") return 1ull << 10;
    if (suffix == "M" || suffix == "MiB") return 1ull << 20;
    if (suffix == "G" || suffix == "GiB") return 1ull << 30;
    return 0;
}

std::optional<uint64_t> parse_count(const std::string& text, Unit unit) {
    size_t pos = 0;
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        pos = 2;
    }
    uint64_t value = 0;
    size_t digits = 0;
    for (; pos < text.size(); ++pos, ++digits) {
        char c = text[pos];
        int d = (c >= '0' && c <= '9')                                         ? c - '0'
                : (base == 16 && std::isxdigit(static_cast<unsigned char>(c))) ? (std::tolower(c) - 'a' + 10)
                                                                               : -1;
        if (d < 0) break;
        if (value > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return std::nullopt;
        value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    if (digits == 0) return std::nullopt;
    uint64_t scale = suffix_scale(text.substr(pos), unit);
    if (scale == 0 || value > UINT64_MAX / scale) return std::nullopt;
    return value * scale;
}

}  // namespace trapvm::cli
