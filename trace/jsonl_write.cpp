// Writing the JSON Lines trace (see jsonl.hpp and FORMAT.md).
#include "isa-spec/hex.hpp"
#include "trace/jsonl.hpp"

#include "isa-spec/isa.hpp"

#include <cstdio>

namespace trapvm::trace {

using nlohmann::ordered_json;

const char* type_name(const Event& e) {
    switch (e.type) {
    case Event::Type::Step: return "step";
    case Event::Type::Trap: return e.record.trap.is_interrupt() ? "interrupt" : "trap";
    case Event::Type::Exit: return "exit";
    case Event::Type::Inject: return "inject";
    case Event::Type::Schedule: return "schedule";
    case Event::Type::Idle: return "idle";
    case Event::Type::End: return "end";
    }
    return "?";
}

namespace {

ordered_json csr_writes(const std::vector<CsrWrite>& writes) {
    ordered_json out = ordered_json::array();
    for (const CsrWrite& w : writes) {
        const pg32::CsrInfo* info = pg32::csr_by_number(static_cast<uint32_t>(w.csr));
        out.push_back({{"csr", info ? info->name : "?"}, {"old", w.old_value}, {"new", w.new_value}});
    }
    return out;
}

ordered_json port_accesses(const std::vector<PortAccess>& ports) {
    ordered_json out = ordered_json::array();
    for (const PortAccess& p : ports) {
        const pg32::PortInfo* info = pg32::port_by_number(p.port);
        out.push_back(
            {{"port", p.port}, {"name", info ? info->name : ""}, {"dir", p.write ? "out" : "in"}, {"value", p.value}});
    }
    return out;
}

void put_cause(ordered_json& j, const Trap& t) {
    j["cause"] = pg32::cause_name(static_cast<uint32_t>(t.cause));
    j["code"] = static_cast<uint32_t>(t.cause);
}

void put_step(ordered_json& j, const Event& e) {
    const Record& r = e.record;
    j["pc"] = r.pc;
    j["pc_hex"] = pg32::hex32(r.pc);
    j["word"] = r.word;
    j["asm"] = e.assembly;
    j["sym"] = e.symbol;
    j["src"] = e.source;
    ordered_json regs = ordered_json::array(), mem = ordered_json::array();
    for (const RegWrite& w : r.regs)
        regs.push_back(
            {{"reg", w.reg}, {"name", pg32::register_name(w.reg)}, {"old", w.old_value}, {"new", w.new_value}});
    for (const MemWrite& w : r.mems)
        mem.push_back(
            {{"addr", w.address}, {"phys", w.physical}, {"size", w.size}, {"old", w.old_value}, {"new", w.new_value}});
    j["regs"] = regs;
    j["mem"] = mem;
    j["ports"] = port_accesses(r.ports);
    j["csrs"] = csr_writes(r.csrs);
}

// What an emulated instruction touched: {"csr", "dir": "read"/"write",
// "value"}, or a port as in a step's "ports"; null for anything else.
ordered_json access(const ExitInfo& x) {
    if (x.csr) {
        const pg32::CsrInfo* info = pg32::csr_by_number(static_cast<uint32_t>(x.csr->csr));
        return {{"csr", info ? info->name : "?"}, {"dir", x.csr->write ? "write" : "read"}, {"value", x.csr->value}};
    }
    if (!x.ports.empty()) return port_accesses(x.ports)[0];
    return ordered_json();
}

// The keys after real_rbound were added in format 1 (readers ignore keys
// they do not know).
void put_exit(ordered_json& j, const Event& e) {
    j["pc"] = e.record.pc;
    put_cause(j, e.record.trap);
    j["badaddr"] = e.record.trap.badaddr;
    j["decision"] = e.exit.decision;
    j["routine"] = e.exit.routine.empty() ? ordered_json() : ordered_json(e.exit.routine);
    j["changes"] = csr_writes(e.exit.changes);
    j["real_rbase"] = e.exit.real_rbase;
    j["real_rbound"] = e.exit.real_rbound;
    j["asm"] = e.exit.assembly;
    j["access"] = access(e.exit);
    j["sym"] = e.symbol;
    j["src"] = e.source;
    j["why"] = e.exit.why;
}

}  // namespace

ordered_json to_json(const Event& e) {
    ordered_json j;
    j["type"] = type_name(e);
    if (e.vm >= 0) j["vm"] = e.vm;
    if (e.type == Event::Type::End) {
        j["steps"] = e.record.step;
        j["stop"] = e.stop;
        return j;
    }
    j["step"] = e.record.step;
    j["mode"] = e.record.system ? "system" : "user";
    switch (e.type) {
    case Event::Type::Step: put_step(j, e); break;
    case Event::Type::Trap:
        j["epc"] = e.record.pc;
        put_cause(j, e.record.trap);
        j["badaddr"] = e.record.trap.badaddr;
        j["sym"] = e.symbol;
        j["src"] = e.source;
        j["csrs"] = csr_writes(e.record.csrs);  // the trap sequence's writes (added in format 1)
        break;
    case Event::Type::Exit: put_exit(j, e); break;
    case Event::Type::Inject:
        j["epc"] = e.record.pc;
        put_cause(j, e.record.trap);
        break;
    case Event::Type::Idle:
        j["pc"] = e.record.pc;
        j["from_tick"] = e.idle_from;
        j["to_tick"] = e.idle_to;
        j["ticks"] = e.idle_to - e.idle_from;
        break;
    case Event::Type::Schedule: j["pc"] = e.record.pc; break;
    case Event::Type::End: break;
    }
    return j;
}

ordered_json to_json(const Header& h) {
    ordered_json j;
    j["format"] = "trapvm-trace";
    j["version"] = kFormatVersion;
    j["mode"] = h.vmm ? "vmm" : "bare";
    if (h.profile != "pg32") j["profile"] = h.profile;  // absent: pg32, as in every trace before profiles
    j["programs"] = h.programs;
    ordered_json vms = ordered_json::array();
    if (h.vmm)
        for (size_t i = 0; i < h.programs.size(); ++i) vms.push_back("vm" + std::to_string(i));
    j["vms"] = vms;
    j["memory_size"] = h.memory_size;
    if (h.vmm) j["quantum"] = h.quantum;
    j["filter"] = h.filter;
    return j;
}

}  // namespace trapvm::trace
