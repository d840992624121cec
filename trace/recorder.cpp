// Building trace records from observer hooks (see recorder.hpp).
#include "trace/recorder.hpp"

#include "image/disassembler.hpp"
#include "isa-spec/isa.hpp"

#include <cstdio>

namespace trapvm::trace {

// The trap sequence's writes, in its order, as it will make them: the
// machine's own take_trap() on a copy of the registers (the hook comes just
// before the sequence runs). Every register it writes is listed, changed or
// not, as csrw's writes are; a trap that goes nowhere writes none.
namespace {
std::vector<CsrWrite> trap_writes(const PrivRegs& priv, const Trap& trap, uint32_t epc) {
    PrivRegs after = priv;
    uint32_t pc = epc;  // the pc when a trap is taken: the trapping or the next instruction
    if (take_trap(after, pc, trap, epc) != TrapFate::Handled) return {};
    std::vector<CsrWrite> writes;
    for (pg32::Csr csr : {pg32::Csr::Epc, pg32::Csr::Epsw, pg32::Csr::Cause, pg32::Csr::Badaddr, pg32::Csr::Psw})
        writes.push_back({csr, priv.read(csr), after.read(csr)});
    return writes;
}
}  // namespace

bool Recorder::before(uint32_t pc) {
    current_.pc = pc;
    current_.system = priv_.system_mode();
    started_ = true;
    return false;
}

// Empties the record in place once emitted, rather than assigning a new
// one, so its vectors keep their capacity: no allocation per instruction.
void Recorder::finish() {
    current_.regs.clear();
    current_.mems.clear();
    current_.ports.clear();
    current_.csrs.clear();
    started_ = false;
}

void Recorder::register_written(int reg, uint32_t old_value, uint32_t new_value) {
    current_.regs.push_back({static_cast<uint8_t>(reg), old_value, new_value});
}

void Recorder::memory_written(uint32_t address, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) {
    current_.mems.push_back({address, physical, static_cast<uint8_t>(size), old_value, new_value});
}

void Recorder::port_accessed(uint32_t port, uint32_t value, bool is_write) {
    current_.ports.push_back({port, value, is_write});
}

void Recorder::csr_written(pg32::Csr csr, uint32_t old_value, uint32_t new_value) {
    current_.csrs.push_back({csr, old_value, new_value});
}

void Recorder::retired(uint32_t pc, uint32_t word) {
    if (!started_) before(pc);  // an instruction the monitor emulated without a fetch seen here
    current_.kind = Record::Kind::Step;
    current_.step = steps_++;
    current_.word = word;
    emit_(current_);
    finish();
}

// A trap ends the instruction that caused it (nothing of it retired), or
// comes between instructions (an interrupt). Exits to the monitor are not
// guest-visible; the monitor reports what the guest sees of them.
void Recorder::trapped(const Trap& trap, uint32_t epc, bool to_monitor) {
    if (to_monitor) return;
    Record r;
    r.kind = Record::Kind::Trap;
    r.step = steps_;
    r.pc = epc;
    r.system = started_ ? current_.system : priv_.system_mode();
    r.trap = trap;
    r.csrs = trap_writes(priv_, trap, epc);
    finish();  // the instruction that trapped did not retire: its writes are void
    emit_(r);
}

std::string describe(const Record& r) {
    char text[200];
    if (r.kind == Record::Kind::Trap) {
        std::snprintf(text, sizeof text, "trap %s epc=0x%08x badaddr=0x%08x from %s mode",
                      pg32::cause_name(static_cast<uint32_t>(r.trap.cause)).c_str(), r.pc, r.trap.badaddr,
                      r.system ? "system" : "user");
        return text;
    }
    std::snprintf(text, sizeof text, "step %llu %s 0x%08x %08x %-24s", static_cast<unsigned long long>(r.step),
                  r.system ? "S" : "U", r.pc, r.word, disassemble_word(r.word, r.pc).c_str());
    std::string out = text;
    for (const RegWrite& w : r.regs) {
        std::snprintf(text, sizeof text, " %s=0x%08x", pg32::register_name(w.reg), w.new_value);
        out += text;
    }
    for (const MemWrite& w : r.mems) {
        std::snprintf(text, sizeof text, " mem[0x%08x]=0x%x", w.physical, w.new_value);
        out += text;
    }
    for (const CsrWrite& w : r.csrs) {
        const pg32::CsrInfo* csr = pg32::csr_by_number(static_cast<uint32_t>(w.csr));
        std::snprintf(text, sizeof text, " %s=0x%08x", csr ? csr->name : "csr?", w.new_value);
        out += text;
    }
    return out;
}

}  // namespace trapvm::trace
