// Displays of state: regs, csr, x, where, vm, info vm, info steps.
#include "debugger/handlers.hpp"

#include "isa-spec/isa.hpp"
#include "vmm/allocator.hpp"

#include <cctype>
#include <cstdio>

namespace trapvm::debug {

namespace {

std::string padded(std::string text, size_t width) {
    if (text.size() < width) text.append(width - text.size(), ' ');
    return text;
}

std::string psw_text(uint32_t psw) {
    return std::string(psw & pg32::PSW_SYSTEM ? "system" : "user") + " mode, interrupts " +
           (psw & pg32::PSW_IE ? "on" : "off");
}

void print_registers(std::ostream& out, const Registers& regs, const std::string& indent) {
    for (int r = 0; r < 16; ++r) {
        out << (r % 4 == 0 ? indent : "   ") << padded(pg32::register_name(r), 5) << hex32(regs[r]);
        if (r % 4 == 3) out << "\n";
    }
}

std::string label_of(const Session& s, uint32_t physical) {
    std::string label = s.symbols(s.vm()).label(physical);
    return label.empty() ? "" : "<" + label + ">";
}

// What a csr value means: the mode for psw and epsw, the cause's name, the
// label of tvec and of epc (a user-mode epc is relative to rbase).
std::string csr_meaning(const Session& s, pg32::Csr csr, const PrivRegs& priv) {
    uint32_t value = priv.read(csr);
    switch (csr) {
    case pg32::Csr::Psw:
    case pg32::Csr::Epsw: return psw_text(value);
    case pg32::Csr::Cause: return value ? pg32::cause_name(value) : "";
    case pg32::Csr::Tvec: return value ? label_of(s, value) : "";
    case pg32::Csr::Epc: {
        if (value == 0 && priv.cause == 0) return "";  // no trap yet
        bool user = !(priv.epsw & pg32::PSW_SYSTEM);
        std::string label = label_of(s, user ? priv.rbase + value : value);
        if (!user) return label;
        return "user mode: phys " + hex32(priv.rbase + value) + (label.empty() ? "" : " " + label);
    }
    default: return "";
    }
}

void print_text(std::ostream& out, uint32_t address, const std::string& label, const std::string& bytes) {
    out << hex32(address) << (label.empty() ? "" : " " + label) << ":  \"";
    for (char c : bytes) {
        if (c == '\n') out << "\\n";
        else if (c == '\t') out << "\\t";
        else if (c == '"' || c == '\\') out << '\\' << c;
        else if (c >= 32 && c < 127) out << c;
        else {
            char esc[8];
            std::snprintf(esc, sizeof esc, "\\x%02x", static_cast<unsigned char>(c));
            out << esc;
        }
    }
    out << "\"\n";
}

struct MemoryFormat {
    char kind = 'x';  // x w b a
    std::optional<uint64_t> count;
};

// "/x", "/4x", "/16b", "/a", "/8": GDB's letters, with a count before them.
bool parse_format(const std::string& word, MemoryFormat& format) {
    size_t i = 1;
    while (i < word.size() && std::isdigit(static_cast<unsigned char>(word[i]))) ++i;
    if (i > 1) format.count = parse_number(word.substr(1, i - 1));
    if (i == word.size()) return true;
    if (i + 1 != word.size() || std::string("xwba").find(word[i]) == std::string::npos) return false;
    format.kind = word[i];
    return true;
}

void dump_words(Session& s, uint32_t address, uint64_t count, bool one_per_line) {
    int vm = s.vm();
    for (uint64_t i = 0; i < count; ++i) {
        uint32_t at = address + static_cast<uint32_t>(4 * i);
        std::optional<uint32_t> word = s.world().read(vm, at, 4);
        if (!word) return s.error(hex32(at) + " is outside memory");
        std::string label = s.symbols(vm).label(at);
        bool line_start = one_per_line || i % 4 == 0;
        if (line_start) s.out() << (i ? "\n" : "") << hex32(at) << (label.empty() ? "" : " <" + label + ">") << ":";
        s.out() << "  " << hex32(*word);
        if (one_per_line) s.out() << "  (" << static_cast<int32_t>(*word) << ")";
    }
    s.out() << "\n";
}

void dump_bytes(Session& s, uint32_t address, uint64_t count) {
    for (uint64_t i = 0; i < count; i += 8) {
        uint32_t at = address + static_cast<uint32_t>(i);
        if (std::string label = i == 0 ? label_of(s, at) : ""; !label.empty()) s.out() << label << ":\n";
        std::string line = hex32(at) + ":", text;
        for (uint64_t j = i; j < count && j < i + 8; ++j) {
            std::optional<uint32_t> byte = s.world().read(s.vm(), address + static_cast<uint32_t>(j), 1);
            if (!byte) {
                s.out() << line << "\n";
                return s.error(hex32(address + static_cast<uint32_t>(j)) + " is outside memory");
            }
            char hex[8];
            std::snprintf(hex, sizeof hex, " %02x", *byte);
            line += hex;
            text += *byte >= 32 && *byte < 127 ? static_cast<char>(*byte) : '.';
        }
        s.out() << padded(line, 36) << "  " << text << "\n";
    }
}

void dump_text(Session& s, uint32_t address, std::optional<uint64_t> count) {
    std::string bytes;
    uint64_t limit = count.value_or(256);
    for (uint64_t i = 0; i < limit; ++i) {
        std::optional<uint32_t> byte = s.world().read(s.vm(), address + static_cast<uint32_t>(i), 1);
        if (!byte || (!count && *byte == 0)) break;
        bytes += static_cast<char>(*byte);
    }
    print_text(s.out(), address, label_of(s, address), bytes);
}

void print_vm(Session& s, const vmm::Vm& vm) {
    const vmm::VirtualCpu& c = vm.cpu;
    std::ostream& out = s.out();
    out << vm.name << ": " << (vm.running() ? "running" : s.describe_stop(vm.id))
        << (c.waiting ? " (waiting in wfi)" : "") << "\n";
    out << "  virtual CPU  pc " << hex32(c.pc) << ", " << psw_text(c.priv.psw) << "\n";
    out << "  region       " << hex32(vm.region.base) << " + " << hex32(vm.region.size) << " of real memory\n";
    vmm::RealR real = vmm::compose_r(vm.region, c.priv);
    out << "  virtual R    " << hex32(c.priv.rbase) << "/" << hex32(c.priv.rbound) << " -> real R " << hex32(real.rbase)
        << "/" << hex32(real.rbound) << (c.system_mode() ? " (the whole region)" : "") << "\n";
    out << "  steps        " << c.steps << " (" << vm.stats.direct << " direct, " << vm.stats.interpreted
        << " emulated";
    if (vm.stats.hybrid_interpreted) out << ", " << vm.stats.hybrid_interpreted << " interpreted";  // hybrid
    if (vm.stats.hypercalls) out << ", " << vm.stats.hypercalls << " hypercalls";                   // paravirt
    if (uint64_t n = vm.stats.sensitive_exit_count())
        out << ", " << n << " interpreted at sensitive exits";            // hardware
    if (vm.stats.patched) out << ", " << vm.stats.patched << " patched";  // the patch technique
    out << "), ticks " << c.ticks << "\n";
    out << "  exits        " << vm.stats.exits();
    std::string sep = ": ";
    for (const vmm::ExitStats::Row& r : vm.stats.rows()) {
        out << sep << r.reason << " " << r.count;
        sep = ", ";
    }
    out << "\n";
}

}  // namespace

void cmd_regs(Session& s, const Args& args) {
    if (!no_more_args(s, args, 0)) return;
    CpuView cpu = s.world().cpu(s.vm());
    if (!s.under_monitor()) {
        print_registers(s.out(), cpu.regs, "");
        s.out() << padded("pc", 5) << hex32(cpu.pc) << "   " << psw_text(cpu.priv.psw) << "\n";
        return;
    }
    const Machine& real = s.world().machine();
    s.out() << s.vm_name(s.vm()) << " virtual CPU:\n";
    print_registers(s.out(), cpu.regs, "  ");
    s.out() << "  " << padded("pc", 5) << hex32(cpu.pc) << "   virtual " << psw_text(cpu.priv.psw) << "\n";
    s.out() << "real CPU:\n";
    print_registers(s.out(), real.regs(), "  ");
    s.out() << "  " << padded("pc", 5) << hex32(real.pc()) << "   real " << psw_text(real.priv().psw) << "\n";
}

void cmd_csr(Session& s, const Args& args) {
    if (!no_more_args(s, args, 0)) return;
    CpuView cpu = s.world().cpu(s.vm());
    bool monitor = s.under_monitor();
    const PrivRegs& real = s.world().machine().priv();
    if (monitor) s.out() << padded("csr", 9) << padded(s.vm_name(s.vm()) + " (virtual)", 16) << "real\n";
    for (const pg32::CsrInfo& c : pg32::kCsrs) {
        std::string line = padded(c.name, 9) + padded(hex32(cpu.priv.read(c.value)), monitor ? 16 : 13);
        if (monitor) line += padded(hex32(real.read(c.value)), 13);
        line += csr_meaning(s, c.value, cpu.priv);
        if (monitor && c.value == pg32::Csr::Psw) line += " | real: " + psw_text(real.psw);
        s.out() << line.substr(0, line.find_last_not_of(' ') + 1) << "\n";
    }
}

void cmd_x(Session& s, const Args& args) {
    MemoryFormat format;
    std::string where;
    for (const std::string& a : args) {
        if (a.starts_with('/')) {
            if (!parse_format(a, format)) return s.error("bad format '" + a + "': use /x, /w, /b or /a, e.g. /8x");
        } else if (where.empty()) {
            where = a;
        } else if (!format.count) {
            format.count = count_arg(s, {a}, 0, 1);
            if (!format.count) return;
        } else {
            return s.error("unexpected '" + a + "' (usage: x LOCATION [COUNT] [/x|/w|/b|/a])");
        }
    }
    if (where.empty()) return s.error("x what? (x LOCATION [COUNT] [/x|/w|/b|/a])");
    std::optional<uint32_t> address = s.locate(where);
    if (!address) return;
    if (format.kind == 'a') return dump_text(s, *address, format.count);
    if (format.kind == 'b') return dump_bytes(s, *address, format.count.value_or(16));
    dump_words(s, *address, format.count.value_or(format.kind == 'w' ? 1 : 4), format.kind == 'w');
}

void cmd_where(Session& s, const Args& args) {
    if (!no_more_args(s, args, 0)) return;
    int vm = s.vm();
    CpuView cpu = s.world().cpu(vm);
    if (s.under_monitor()) s.out() << s.vm_name(vm) << " of " << s.vm_count() << ", ";
    s.out() << "step " << s.step() << ", " << cpu.ticks << " ticks\n";
    if (!cpu.running) {
        s.out() << (s.under_monitor() ? s.vm_name(vm) + " " : "") << s.describe_stop(vm) << "\n";
        return;
    }
    s.out() << "pc " << s.describe_pc(vm, cpu.pc);
    std::optional<uint32_t> physical = s.world().physical(vm, cpu.pc, 4);
    std::string line = physical ? s.symbols(vm).line(*physical) : "";
    if (!line.empty()) s.out() << " in " << line;
    s.out() << ", " << (s.under_monitor() ? "virtual " : "") << psw_text(cpu.priv.psw) << "\n";
    if (s.under_monitor()) {
        const PrivRegs& real = s.world().machine().priv();
        s.out() << "real CPU: " << psw_text(real.psw) << ", R " << hex32(real.rbase) << "/" << hex32(real.rbound)
                << "\n";
    }
}

void cmd_vm(Session& s, const Args& args) {
    if (!s.under_monitor()) return s.error("there is one machine and no monitor (start with --vmm for VMs)");
    if (args.empty()) {
        for (int vm = 0; vm < s.vm_count(); ++vm) {
            CpuView cpu = s.world().cpu(vm);
            s.out() << (vm == s.vm() ? "* " : "  ") << s.vm_name(vm) << "  "
                    << (cpu.running ? "pc " + s.describe_pc(vm, cpu.pc) : s.describe_stop(vm)) << "\n";
        }
        return;
    }
    std::optional<uint64_t> n = parse_number(args[0]);
    if (!n || *n >= static_cast<uint64_t>(s.vm_count()) || !no_more_args(s, args, 1))
        return s.error("no VM '" + args[0] + "' (there are " + std::to_string(s.vm_count()) + ": 0.." +
                       std::to_string(s.vm_count() - 1) + ")");
    s.select_vm(static_cast<int>(*n));
    s.print_location();
}

void info_vm(Session& s) {
    const vmm::Monitor* monitor = s.world().monitor();
    if (!monitor) {
        s.out() << "No monitor: the program runs on the bare machine (start with --vmm to run it in a VM).\n";
        return;
    }
    for (const vmm::Vm& vm : monitor->vms()) print_vm(s, vm);
}

void info_steps(Session& s) {
    const Timeline& t = s.timeline();
    for (int vm = 0; vm < s.vm_count(); ++vm) {
        s.out() << (s.under_monitor() ? s.vm_name(vm) + ": " : "") << "step " << t.step(vm)
                << (t.at_end() ? " (the end)" : "") << "; furthest reached: step " << t.frontier_step(vm);
        if (t.end_position()) s.out() << "; the run ends at step " << t.end_step(vm);
        s.out() << "; " << s.world().cpu(vm).ticks << " ticks\n";
    }
    const CheckpointStore& c = t.checkpoints();
    char mib[64];
    std::snprintf(mib, sizeof mib, "%.1f of %.0f MiB", static_cast<double>(c.bytes()) / (1 << 20),
                  static_cast<double>(c.budget()) / (1 << 20));
    s.out() << "checkpoints: " << c.count() << " (at most " << c.max_count() << "), about one every " << c.interval()
            << " instructions, " << mib << "\n";
}

}  // namespace trapvm::debug
