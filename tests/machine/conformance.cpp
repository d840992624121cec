// The conformance helper (see conformance.hpp).
#include "conformance.hpp"
#include "isa-spec/hex.hpp"

#include <cstdio>

namespace conformance {

namespace {

std::string diagnostics_text(const AssembleResult& result) {
    std::string text;
    for (const Diagnostic& d : result.diagnostics) text += format_diagnostic(d);
    return text;
}

}  // namespace

std::ostream& operator<<(std::ostream& out, const TrapRecord& t) {
    return out << "{cause " << pg32::cause_name(t.cause) << ", epc " << pg32::hex32(t.epc) << ", epsw " << t.epsw
               << ", badaddr " << pg32::hex32(t.badaddr) << "}";
}

std::string describe(const Stop& stop) {
    switch (stop.reason) {
    case StopReason::Running: return "still running";
    case StopReason::Halt: return "halt at " + pg32::hex32(stop.pc);
    case StopReason::PowerOff:
        return "power-off with status " + std::to_string(stop.status) + " at " + pg32::hex32(stop.pc);
    case StopReason::UnhandledTrap:
        return "unhandled trap " + pg32::cause_name(code(stop.trap.cause)) + " at " + pg32::hex32(stop.pc) +
               " (badaddr " + pg32::hex32(stop.trap.badaddr) + ")";
    case StopReason::Deadlock: return "deadlock in wfi at " + pg32::hex32(stop.pc);
    case StopReason::OutputLimit: return "output limit at " + pg32::hex32(stop.pc);
    case StopReason::OutputFailed: return "output failed at " + pg32::hex32(stop.pc);
    case StopReason::Interrupted: return "interrupted at " + pg32::hex32(stop.pc);
    case StopReason::InternalError: return stop.message;
    }
    return "?";
}

std::string repeat(std::string_view line, int n) {
    std::string text;
    for (int i = 0; i < n; ++i) (text += line) += '\n';
    return text;
}

Program::Program(std::string_view snippet, const ProgramOptions& options)
    : machine(MachineConfig{options.memory_size}) {
    std::string source = ".include \"conformance.inc\"\n";
    source += snippet;
    AssembleOptions assemble;
    assemble.include_dirs.push_back(TRAPVM_SOURCE_DIR "/tests/machine");
    assemble.defines.emplace_back("MEM_SIZE", options.memory_size);
    AssembleResult result = assemble_source(source, "snippet.s", assemble);
    INFO("snippet:\n", source, "\ndiagnostics:\n", diagnostics_text(result));
    REQUIRE(result.ok());
    image = std::move(*result.image);
    for (const Segment& s : image.segments) REQUIRE_MESSAGE(machine.load(s.address, s.bytes), "segment does not fit");
    machine.reset(image.entry);
    machine.devices().console.sink = &console_;
    machine.devices().console.input = InputStream::from_bytes(options.input);
}

const Stop& Program::run_to_stop(uint64_t cap) {
    machine.run(cap);
    INFO("pc ", pg32::hex32(machine.pc()), " after ", machine.steps(), " steps");
    REQUIRE_MESSAGE(machine.stopped(), "the program did not stop within ", cap, " steps");
    return machine.stop();
}

void Program::run_to_halt() {
    const Stop& stop = run_to_stop();
    REQUIRE_MESSAGE(stop.reason == StopReason::Halt, "expected halt, got ", describe(stop));
}

void Program::run_to_handler() {
    run_to_halt();
    REQUIRE_MESSAGE(machine.stop().pc == addr("handler"), "expected the halt at 'handler' (",
                    pg32::hex32(addr("handler")), "), got ", describe(machine.stop()));
}

uint32_t Program::reg(std::string_view name) const {
    std::optional<int> r = pg32::register_by_name(name);
    REQUIRE_MESSAGE(r.has_value(), "no register named ", std::string(name));
    return machine.regs()[*r];
}

uint32_t Program::csr(std::string_view name) const {
    const pg32::CsrInfo* c = pg32::csr_by_name(name);
    REQUIRE_MESSAGE(c != nullptr, "no csr named ", std::string(name));
    return machine.priv().read(c->value);
}

uint32_t Program::addr(std::string_view label) const {
    const Symbol* s = image.find_symbol(label);
    REQUIRE_MESSAGE(s != nullptr, "no label ", std::string(label));
    return s->value;
}

uint32_t Program::word(uint32_t physical) const {
    std::optional<uint32_t> w = machine.read_physical(physical, 4);
    REQUIRE_MESSAGE(w.has_value(), "address ", pg32::hex32(physical), " is outside memory");
    return *w;
}

TrapRecord Program::trap() const { return {csr("cause"), csr("epc"), csr("epsw"), csr("badaddr")}; }

}  // namespace conformance
