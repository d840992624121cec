// The readable trace format (see text_format.hpp).
#include "trace/text_format.hpp"
#include "isa-spec/hex.hpp"

#include "isa-spec/isa.hpp"
#include "trace/jsonl.hpp"

#include "image/image.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
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

void put_psw_flags(OutBuffer& out, uint32_t psw) {
    out.put(psw & pg32::PSW_SYSTEM ? "S" : "U");
    if (psw & pg32::PSW_IE) out.lit(",IE");
}

// As image.hpp's printable(), into the buffer: runs of printable bytes
// are copied at once.
void put_printable(OutBuffer& out, std::string_view text) {
    auto shown = [](char c) { return c >= 0x20 && c < 0x7f && c != '\\'; };  // (char may be signed: >= 0x80 fails)
    size_t i = 0;
    while (i < text.size()) {
        size_t run = i;
        while (run < text.size() && shown(text[run])) ++run;
        out.put(text.substr(i, run - i));
        if (run == text.size()) break;
        out.lit("\\x");
        out.hex(static_cast<unsigned char>(text[run]), 2);
        i = run + 1;
    }
}

// The effects of a record laid out as wrap() does: lines of at most kWidth
// columns after `indent` spaces, items three spaces apart, an item too
// long for any line on its own. Each item is written into `item` first,
// to be measured.
class Wrapper {
public:
    Wrapper(OutBuffer& out, OutBuffer& item, size_t indent) : out_(out), item_(item), indent_(indent) {}
    OutBuffer& item() { return item_.clear(), item_; }  // a fresh item to write
    void add() {
        bool first = used_ == 0;
        if (!first && indent_ + used_ + 3 + item_.size() > kWidth) {
            out_.put('\n');
            used_ = 0;
            first = true;
        }
        if (first && item_.empty()) return;  // (no effect formats as nothing; wrap() did the same)
        if (first) out_.spaces(indent_);
        else out_.lit("   "), used_ += 3;
        out_.put(item_.view());
        used_ += item_.size();
    }
    void end() {
        if (used_ > 0) out_.put('\n');
    }

private:
    OutBuffer& out_;
    OutBuffer& item_;
    size_t indent_;
    size_t used_ = 0;  // columns of the current line after the indent; 0: no line started
};

void put_effects(Wrapper& w, const Record& r) {
    for (const RegWrite& x : r.regs) put_reg_write(w.item(), x), w.add();
    for (const MemWrite& x : r.mems) put_mem_write(w.item(), x), w.add();
    for (const CsrWrite& x : r.csrs) put_csr_write(w.item(), x), w.add();
    for (const PortAccess& x : r.ports) put_port_access(w.item(), x), w.add();
    w.end();
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
    if (x.decision == "patch") return text + "patch " + x.routine;
    if (x.decision == "preempt") return text + "preempt (the time slice is over)";
    if (x.decision == "deadline")
        return "exit" + at(e) + ": deadline (the guest's virtual timer expires: its TIMER interrupt is due)";
    if (x.decision == "stop")
        return text + (x.routine.empty() ? "stop (no trap handler)" : "stop (emulated " + x.routine + ")");
    return text + x.decision;
}

// "csrr t0, cause at trap_entry+0x4 (trap.s:21)": the instruction that
// exited and where it is, or "".
std::string exit_where(const Event& e) {
    std::string where = printable(e.symbol);
    if (!e.source.empty()) where += (where.empty() ? "" : " ") + ("(" + printable(e.source) + ")");
    if (e.exit.assembly.empty()) return where.empty() ? "" : "at " + where;
    return e.exit.assembly + (where.empty() ? "" : " at " + where);
}

// What an emulated instruction touched: "read cause: 00000001", "out
// CONSOLE_OUT: 00000068 'h'"; a csrw only when its write changed nothing
// (else the change says it).
std::vector<std::string> exit_access(const ExitInfo& x) {
    std::vector<std::string> items;
    for (const PortAccess& p : x.ports) items.push_back(format_port_access(p));
    if (!x.csr) return items;
    const pg32::CsrInfo* info = pg32::csr_by_number(static_cast<uint32_t>(x.csr->csr));
    std::string name = info ? info->name : "csr?";
    if (!x.csr->write) items.push_back("read " + name + ": " + pg32::hex_digits(x.csr->value, 8));
    else if (std::none_of(x.changes.begin(), x.changes.end(), [&](const CsrWrite& w) { return w.csr == x.csr->csr; }))
        items.push_back("wrote " + name + ": " + pg32::hex_digits(x.csr->value, 8) + " (unchanged)");
    return items;
}

// What an exit changed: the virtual privileged registers, and the real R
// when the allocator may have composed a new one (the virtual mode or R
// changed). The JSON format always has the real R.
std::vector<std::string> exit_changes(const ExitInfo& x) {
    std::vector<std::string> items = exit_access(x);
    bool recomposed = x.decision == "reflect";
    for (const CsrWrite& w : x.changes)
        recomposed |= w.csr == pg32::Csr::Psw || w.csr == pg32::Csr::Rbase || w.csr == pg32::Csr::Rbound;
    if (recomposed)
        items.push_back("real R: base " + pg32::hex_digits(x.real_rbase, 8) + " bound " +
                        pg32::hex_digits(x.real_rbound, 8));
    for (const CsrWrite& w : x.changes) items.push_back(format_csr_write(w));
    return items;
}

// The lines under an exit: where (and which instruction), why the decision
// (for emulate, reflect and patch; the others say it on the first line), then
// what it touched and changed.
std::string exit_details(const Event& e, const std::string& prefix) {
    std::string out;
    std::string where = exit_where(e);
    if (!where.empty()) out += prefix + where + "\n";
    if (!e.exit.why.empty() &&
        (e.exit.decision == "emulate" || e.exit.decision == "reflect" || e.exit.decision == "patch"))
        out += prefix + "why: " + e.exit.why + "\n";
    return out + wrap(prefix, exit_changes(e.exit));
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

void put_reg_write(OutBuffer& out, const RegWrite& w) {
    out.put(pg32::register_name(w.reg));
    out.lit(": ");
    out.hex8(w.old_value);
    out.lit(" -> ");
    out.hex8(w.new_value);
}

void put_mem_write(OutBuffer& out, const MemWrite& w) {
    int digits = w.size * 2;
    out.lit("mem[");
    out.hex8(w.address);
    out.lit("]");
    if (w.physical != w.address) {
        out.lit(" (phys ");
        out.hex8(w.physical);
        out.lit(")");
    }
    out.lit(": ");
    out.hex(w.old_value, digits);
    out.lit(" -> ");
    out.hex(w.new_value, digits);
}

// "out CONSOLE_OUT: 00000041 'A'": console bytes also as the character.
void put_port_access(OutBuffer& out, const PortAccess& p) {
    const pg32::PortInfo* info = pg32::port_by_number(p.port);
    out.put(p.write ? "out " : "in ");
    if (info) out.put(info->name);
    else out.lit("port 0x"), out.hex(p.port, 4);
    out.lit(": ");
    out.hex8(p.value);
    bool console = info && (info->value == pg32::Port::ConsoleOut || info->value == pg32::Port::ConsoleIn);
    if (console && p.value >= 0x20 && p.value <= 0x7e) {
        out.lit(" '");
        out.put(static_cast<char>(p.value));
        out.put('\'');
    }
}

// "==> trap BOUNDS 00001000": badaddr only for causes that set it.
void put_trap(OutBuffer& out, const Trap& t) {
    const pg32::CauseInfo* info = pg32::cause_by_code(static_cast<uint32_t>(t.cause));
    out.put(info && info->interrupt ? "==> interrupt " : "==> trap ");
    out.put(cause_of(t));
    if (info && info->badaddr != pg32::BadAddr::Zero) out.put(' '), out.hex8(t.badaddr);
}

void put_csr_write(OutBuffer& out, const CsrWrite& w) {
    const pg32::CsrInfo* info = pg32::csr_by_number(static_cast<uint32_t>(w.csr));
    out.put(info ? info->name : "csr?");
    out.lit(": ");
    out.hex8(w.old_value);
    out.lit(" -> ");
    out.hex8(w.new_value);
    if (w.csr != pg32::Csr::Psw && w.csr != pg32::Csr::Epsw) return;
    out.lit(" (");
    put_psw_flags(out, w.old_value);
    out.lit(" -> ");
    put_psw_flags(out, w.new_value);
    out.lit(")");
}

// The std::string forms, for reports.
template <class T> std::string formatted(void (*put)(OutBuffer&, const T&), const T& x) {
    OutBuffer out;
    put(out, x);
    return std::string(out.view());
}
std::string format_reg_write(const RegWrite& w) { return formatted(put_reg_write, w); }
std::string format_mem_write(const MemWrite& w) { return formatted(put_mem_write, w); }
std::string format_port_access(const PortAccess& p) { return formatted(put_port_access, p); }
std::string format_trap(const Trap& t) { return formatted(put_trap, t); }
std::string format_csr_write(const CsrWrite& w) { return formatted(put_csr_write, w); }

std::string TextFormat::who(const Event& e) const {
    return several_ && e.vm >= 0 ? "vm" + std::to_string(e.vm) + " " : "";
}

// The step, mode and pc columns: "     12 S  0000002c  ", "vm1      12 vS 0000002c  ".
void TextFormat::put_lead(OutBuffer& out, const Event& e) const {
    if (several_) {
        size_t start = out.size();
        out.lit("vm");
        out.dec(e.vm);
        out.pad_from(start, 4);
        out.dec_right(e.record.step, 6);
    } else {
        out.dec_right(e.record.step, 7);
    }
    out.put(' ');
    out.put(vmm_ ? (e.record.system ? "vS" : "vU") : (e.record.system ? "S " : "U "));
    out.put(' ');
    out.hex8(e.record.pc);
    out.lit("  ");
}

// The instruction, symbol and source columns, padded, without the spaces
// that would end the line. Symbols and file names come from the image, or
// from a JSON Lines file `trapvm diff` read: shown through printable(),
// never as raw bytes.
void put_columns(OutBuffer& out, const Event& e) {
    size_t start = out.size();
    if (e.type == Event::Type::Step) put_printable(out, e.assembly);
    else put_trap(out, e.record.trap);
    out.pad_from(start, kAsmWidth);
    out.put(' ');
    size_t column = out.size();
    put_printable(out, e.symbol);
    out.pad_from(column, kSymbolWidth);
    out.put(' ');
    put_printable(out, e.source);
    size_t end = out.size();
    while (end > start && out.view()[end - 1] == ' ') --end;
    out.truncate(end);
}

// A step at an address seen before, with the same instruction text and
// annotation, reuses the columns written then.
std::string_view TextFormat::columns(const Event& e) const {
    if (cache_.empty()) cache_.resize(kCacheSize);
    Columns& c = cache_[(e.record.pc >> 2) % kCacheSize];
    bool same = c.valid && c.assembly == e.assembly && c.symbol == e.symbol && c.source == e.source;
    if (!same) {
        c.valid = true;
        c.assembly = e.assembly;
        c.symbol = e.symbol;
        c.source = e.source;
        c.text.clear();
        put_columns(c.text, e);
    }
    return c.text.view();
}

void TextFormat::put_guest_lines(OutBuffer& out, const Event& e) const {
    size_t start = out.size();
    put_lead(out, e);
    size_t indent = out.size() - start;
    if (e.type == Event::Type::Step) out.put(columns(e));
    else put_columns(out, e);
    size_t end = out.size();
    while (end > start && out.view()[end - 1] == ' ') --end;  // no trailing spaces when the columns are empty
    out.truncate(end);
    out.put('\n');
    Wrapper effects(out, scratch_, indent);
    put_effects(effects, e.record);
}

std::string TextFormat::monitor_line(const Event& e) const {
    std::string indent((several_ ? 10 : 7) + 1, ' ');
    std::string mark = indent + ">> " + who(e);
    switch (e.type) {
    case Event::Type::Exit: return mark + exit_text(e) + "\n" + exit_details(e, indent + ">>   ");
    case Event::Type::Inject: return mark + "inject " + cause_of(e.record.trap) + at(e) + ": a virtual interrupt\n";
    case Event::Type::Schedule: return indent + ">> schedule vm" + std::to_string(e.vm) + at(e) + "\n";
    case Event::Type::Idle:
        return indent + ".. " + who(e) + "idle in wfi" + at(e) + ": tick " + std::to_string(e.idle_from) + " -> " +
               std::to_string(e.idle_to) + " (" + std::to_string(e.idle_to - e.idle_from) + " ticks)\n";
    case Event::Type::End: return indent + "== " + who(e) + end_text(e) + "\n";
    default: return "";
    }
}

void TextFormat::append(OutBuffer& out, const Event& e) const {
    if (e.guest_visible()) put_guest_lines(out, e);
    else out.put(monitor_line(e));
}

std::string TextFormat::format(const Event& e) const {
    OutBuffer out;
    append(out, e);
    return std::string(out.view());
}

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
