// The readable trace format (see text_format.hpp).
#include "trace/text_format.hpp"
#include "isa-spec/hex.hpp"

#include "isa-spec/isa.hpp"
#include "trace/jsonl.hpp"

#include "image/image.hpp"

#include <cstdio>
#include <vector>

namespace trapvm::trace {

namespace {

constexpr size_t kWidth = 80;     // the terminal the format is designed for
constexpr size_t kAsmWidth = 24;  // the instruction column
constexpr size_t kSymbolWidth = 15;

std::string pad(std::string s, size_t width) {
    if (s.size() < width) s.append(width - s.size(), ' ');
    return s;
}

std::string trim_right(std::string s) {
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
}

// Items on lines of at most kWidth columns (longer items get a line each),
// each line starting with `prefix`.
std::string wrap(const std::string& prefix, const std::vector<std::string>& items) {
    std::string out, line;
    for (const std::string& item : items) {
        if (!line.empty() && prefix.size() + line.size() + 3 + item.size() > kWidth) {
            out += prefix + line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : "   ") + item;
    }
    if (!line.empty()) out += prefix + line + "\n";
    return out;
}

std::string psw_flags(uint32_t psw) {
    return std::string(psw & pg32::PSW_SYSTEM ? "S" : "U") + (psw & pg32::PSW_IE ? ",IE" : "");
}

std::string quoted_char(uint32_t value) {
    if (value < 0x20 || value > 0x7e) return "";
    return std::string(" '") + static_cast<char>(value) + "'";
}

std::vector<std::string> effects(const Record& r) {
    std::vector<std::string> items;
    for (const RegWrite& w : r.regs) items.push_back(format_reg_write(w));
    for (const MemWrite& w : r.mems) items.push_back(format_mem_write(w));
    for (const CsrWrite& w : r.csrs) items.push_back(format_csr_write(w));
    for (const PortAccess& p : r.ports) items.push_back(format_port_access(p));
    return items;
}

std::string cause_of(const Trap& t) { return pg32::cause_name(static_cast<uint32_t>(t.cause)); }

// " at step 12, pc 00000030": where a monitor event happened to the guest.
std::string at(const Event& e) {
    return " at step " + std::to_string(e.record.step) + ", pc " + pg32::hex_digits(e.record.pc, 8);
}

std::string exit_text(const Event& e) {
    const ExitInfo& x = e.exit;
    std::string text = "exit " + cause_of(e.record.trap) + at(e) + ": ";
    if (x.decision == "emulate") return text + "emulate " + x.routine;
    if (x.decision == "preempt") return text + "preempt (the time slice is over)";
    if (x.decision == "deadline")
        return "exit" + at(e) + ": deadline (the guest's virtual timer expires: its TIMER interrupt is due)";
    if (x.decision == "stop")
        return text + (x.routine.empty() ? "stop (no trap handler)" : "stop (emulated " + x.routine + ")");
    return text + x.decision;
}

// What an exit changed: the virtual privileged registers, and the real R
// when the allocator may have composed a new one (the virtual mode or R
// changed). The JSON format always has the real R.
std::vector<std::string> exit_changes(const ExitInfo& x) {
    std::vector<std::string> items;
    bool recomposed = x.decision == "reflect";
    for (const CsrWrite& w : x.changes)
        recomposed |= w.csr == pg32::Csr::Psw || w.csr == pg32::Csr::Rbase || w.csr == pg32::Csr::Rbound;
    if (recomposed)
        items.push_back("real R: base " + pg32::hex_digits(x.real_rbase, 8) + " bound " +
                        pg32::hex_digits(x.real_rbound, 8));
    for (const CsrWrite& w : x.changes) items.push_back(format_csr_write(w));
    return items;
}

std::string end_text(const Event& e) {
    const nlohmann::ordered_json& stop = e.stop;
    std::string text = "end after " + std::to_string(e.record.step) + " steps: ";
    text += stop.contains("reason") && stop["reason"].is_string() ? stop["reason"].get<std::string>() : "?";
    if (stop.contains("status") && stop["status"].is_number()) text += " (status " + to_line(stop["status"]) + ")";
    if (stop.contains("cause") && stop["cause"].is_string()) text += " " + stop["cause"].get<std::string>();
    if (stop.contains("pc") && stop["pc"].is_number_integer())
        text += " at " + pg32::hex_digits(stop["pc"].get<uint32_t>(), 8);
    return text;
}

// "# filter: --from 10 --only traps" when the trace is filtered.
std::string filter_line(const nlohmann::ordered_json& f) {
    std::string options;
    if (f.contains("from") && f["from"] != 0) options += " --from " + to_line(f["from"]);
    if (f.contains("to") && !f["to"].is_null()) options += " --to " + to_line(f["to"]);
    if (f.contains("only") && f["only"].is_array())
        for (const auto& word : f["only"])
            options += " --only " + (word.is_string() ? word.get<std::string>() : to_line(word));
    if (f.contains("vm") && !f["vm"].is_null()) options += " --vm " + to_line(f["vm"]);
    return options.empty() ? "" : "# filter:" + options + "\n";
}

}  // namespace

std::string format_reg_write(const RegWrite& w) {
    return std::string(pg32::register_name(w.reg)) + ": " + pg32::hex_digits(w.old_value, 8) + " -> " +
           pg32::hex_digits(w.new_value, 8);
}
std::string format_mem_write(const MemWrite& w) {
    int digits = w.size * 2;
    std::string where = "mem[" + pg32::hex_digits(w.address, 8) + "]";
    if (w.physical != w.address) where += " (phys " + pg32::hex_digits(w.physical, 8) + ")";
    return where + ": " + pg32::hex_digits(w.old_value, digits) + " -> " + pg32::hex_digits(w.new_value, digits);
}

std::string format_port_access(const PortAccess& p) {
    const pg32::PortInfo* info = pg32::port_by_number(p.port);
    std::string name = info ? info->name : "port 0x" + pg32::hex_digits(p.port, 4);
    bool console = info && (info->value == pg32::Port::ConsoleOut || info->value == pg32::Port::ConsoleIn);
    return std::string(p.write ? "out " : "in ") + name + ": " + pg32::hex_digits(p.value, 8) +
           (console ? quoted_char(p.value) : "");
}

// "==> trap BOUNDS 00001000": badaddr only for causes that set it.
std::string format_trap(const Trap& t) {
    const pg32::CauseInfo* info = pg32::cause_by_code(static_cast<uint32_t>(t.cause));
    std::string text = std::string("==> ") + (info && info->interrupt ? "interrupt " : "trap ") + cause_of(t);
    if (info && info->badaddr != pg32::BadAddr::Zero) text += " " + pg32::hex_digits(t.badaddr, 8);
    return text;
}

std::string format_csr_write(const CsrWrite& w) {
    const pg32::CsrInfo* info = pg32::csr_by_number(static_cast<uint32_t>(w.csr));
    std::string text = std::string(info ? info->name : "csr?") + ": " + pg32::hex_digits(w.old_value, 8) + " -> " +
                       pg32::hex_digits(w.new_value, 8);
    if (w.csr == pg32::Csr::Psw || w.csr == pg32::Csr::Epsw)
        text += " (" + psw_flags(w.old_value) + " -> " + psw_flags(w.new_value) + ")";
    return text;
}

std::string TextFormat::who(const Event& e) const {
    return several_ && e.vm >= 0 ? "vm" + std::to_string(e.vm) + " " : "";
}

std::string TextFormat::lead(const Event& e) const {
    char text[64];
    auto step = static_cast<unsigned long long>(e.record.step);
    if (several_) std::snprintf(text, sizeof text, "%-4s%6llu", ("vm" + std::to_string(e.vm)).c_str(), step);
    else std::snprintf(text, sizeof text, "%7llu", step);
    const char* mode = vmm_ ? (e.record.system ? "vS" : "vU") : (e.record.system ? "S " : "U ");
    return std::string(text) + " " + mode + " " + pg32::hex_digits(e.record.pc, 8) + "  ";
}

// Symbols and file names come from the image, or from a JSON Lines file
// `trapvm diff` read: shown through printable(), never as raw bytes.
std::string TextFormat::guest_line(const Event& e) const {
    std::string head = lead(e);
    std::string what = e.type == Event::Type::Step ? printable(e.assembly) : format_trap(e.record.trap);
    std::string symbol = pad(printable(e.symbol), kSymbolWidth);
    std::string out = trim_right(head + pad(what, kAsmWidth) + " " + symbol + " " + printable(e.source));
    return out + "\n" + wrap(std::string(head.size(), ' '), effects(e.record));
}

std::string TextFormat::monitor_line(const Event& e) const {
    std::string indent((several_ ? 10 : 7) + 1, ' ');
    std::string mark = indent + ">> " + who(e);
    switch (e.type) {
    case Event::Type::Exit: return mark + exit_text(e) + "\n" + wrap(indent + ">>   ", exit_changes(e.exit));
    case Event::Type::Inject: return mark + "inject " + cause_of(e.record.trap) + at(e) + ": a virtual interrupt\n";
    case Event::Type::Schedule: return indent + ">> schedule vm" + std::to_string(e.vm) + at(e) + "\n";
    case Event::Type::Idle:
        return indent + ".. " + who(e) + "idle in wfi" + at(e) + ": tick " + std::to_string(e.idle_from) + " -> " +
               std::to_string(e.idle_to) + " (" + std::to_string(e.idle_to - e.idle_from) + " ticks)\n";
    case Event::Type::End: return indent + "== " + who(e) + end_text(e) + "\n";
    default: return "";
    }
}

std::string TextFormat::format(const Event& e) const { return e.guest_visible() ? guest_line(e) : monitor_line(e); }

std::string TextFormat::header(const Header& h) const {
    std::string memory = std::to_string(h.memory_size) + " bytes";
    std::string out;
    if (!h.vmm) {
        out = "# trapvm trace of " + (h.programs.empty() ? "?" : printable(h.programs[0])) + " on the bare machine (" +
              memory + ")\n# md: mode (S system, U user)\n";
    } else {
        std::string slice = "time slice " + std::to_string(h.quantum);
        if (h.programs.size() == 1)
            out = "# trapvm trace of " + printable(h.programs[0]) + " under the monitor (" + memory + ", " + slice +
                  ")\n";
        else out = "# trapvm trace under the monitor (" + memory + " per VM, " + slice + ")\n";
        for (size_t i = 0; h.programs.size() > 1 && i < h.programs.size(); ++i)
            out += "#   vm" + std::to_string(i) + ": " + printable(h.programs[i]) + "\n";
        out += "# md: the guest's virtual mode (vS system, vU user); >> the monitor\n";
    }
    if (h.profile != "pg32") out += "# ISA profile " + printable(h.profile) + "\n";
    out += filter_line(h.filter);
    out += std::string(several_ ? "#vm   step" : "#  step") + " md pc        " + pad("instruction", kAsmWidth) + " " +
           pad("symbol", kSymbolWidth) + " source\n";
    return out;
}

}  // namespace trapvm::trace
