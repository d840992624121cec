// Code and source: disas and list.
#include "debugger/handlers.hpp"

#include <cstdio>
#include <fstream>

namespace trapvm::debug {

namespace {

constexpr uint64_t kDisasLines = 8;
constexpr uint32_t kDisasBefore = 3;  // instructions shown before the pc
constexpr uint32_t kListContext = 5;  // source lines each side

// One instruction line: "=> 0x00000014 <loop+4>  20880001  addi t0, t0, 1  [prog.s:14]".
// address: as the program sees it; physical: where it is.
void disas_line(Session& s, uint32_t address, uint32_t physical, bool current) {
    int vm = s.vm();
    std::optional<uint32_t> word = s.world().read(vm, physical, 4);
    if (!word) return;
    const Symbols& symbols = s.symbols(vm);
    std::string label = symbols.label(physical);
    if (!label.empty() && label.find('+') == std::string::npos) s.out() << label << ":\n";
    char head[40];
    std::snprintf(head, sizeof head, "%s%s  %08x  ", current ? "=> " : "   ", hex32(address).c_str(), *word);
    std::string text = symbols.disassemble(*word, physical, address);
    std::string line = symbols.line(physical);
    s.out() << head << text;
    if (!line.empty()) s.out() << std::string(text.size() < 26 ? 26 - text.size() : 1, ' ') << "[" << line << "]";
    s.out() << "\n";
}

// A source line as it may be shown (a source is untrusted too): tabs
// expanded to columns of 8, carriage returns dropped, other bytes that are
// not printable ASCII as printable() shows them. Backslashes stay: in a
// source they are the program's own ('\n'), not an escape of ours.
std::string source_text(const std::string& line) {
    std::string text;
    for (char c : line) {
        if (c == '\t') text.append(8 - text.size() % 8, ' ');
        else if (c == '\\' || (c >= 0x20 && c < 0x7f)) text += c;
        else if (c != '\r') text += printable(std::string(1, c));
    }
    return text;
}

std::optional<std::vector<std::string>> read_lines(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    return lines;
}

}  // namespace

void cmd_disas(Session& s, const Args& args) {
    if (!no_more_args(s, args, 2)) return;
    int vm = s.vm();
    CpuView cpu = s.world().cpu(vm);
    std::optional<uint64_t> count = count_arg(s, args, 1, kDisasLines);
    if (!count) return;
    std::optional<uint32_t> pc_physical = s.world().physical(vm, cpu.pc, 4);
    if (!args.empty()) {  // from a physical address
        std::optional<uint32_t> start = s.locate(args[0]);
        if (!start) return;
        for (uint64_t i = 0; i < *count; ++i) {
            uint32_t at = *start + static_cast<uint32_t>(4 * i);
            if (!s.world().read(vm, at, 4)) break;
            disas_line(s, at, at, cpu.running && pc_physical == at);
        }
        return;
    }
    if (!cpu.running || !pc_physical) return s.error("the pc is not in memory: give a location");
    uint32_t first = cpu.pc >= 4 * kDisasBefore ? cpu.pc - 4 * kDisasBefore : 0;
    for (uint64_t i = 0; i < *count; ++i) {
        uint32_t address = first + static_cast<uint32_t>(4 * i);
        std::optional<uint32_t> physical = s.world().physical(vm, address, 4);
        if (physical) disas_line(s, address, *physical, address == cpu.pc);
    }
}

void cmd_list(Session& s, const Args& args) {
    if (!no_more_args(s, args, 1)) return;
    int vm = s.vm();
    CpuView cpu = s.world().cpu(vm);
    const LineInfo* info = nullptr;
    std::string where;
    if (args.empty()) {
        std::optional<uint32_t> at = s.world().physical(vm, cpu.pc, 4);
        if (!at) return s.error("the pc is not in memory: give a location");
        info = s.symbols(vm).line_info(*at);
        where = hex32(*at);
    } else {
        Location l = s.try_locate(args[0], vm);
        if (!l.address && l.user.empty()) return s.error(l.error);
        // a user program's line needs no physical address: its line table says it
        info = l.address ? s.symbols(vm).line_info(*l.address) : l.user[0].program->line_at(l.user[0].address);
        where = l.address ? hex32(*l.address) : args[0];
    }
    if (!info) return s.error("no source line for " + where + " (no line table entry there)");
    const std::string& path = s.image(vm).files[info->file];
    std::optional<std::vector<std::string>> lines = read_lines(path);
    if (!lines) return s.error("cannot read the source file '" + printable(path) + "'");
    std::optional<uint32_t> pc_physical = s.world().physical(vm, cpu.pc, 4);
    const LineInfo* pc_line = pc_physical ? s.symbols(vm).line_info(*pc_physical) : nullptr;
    uint32_t first = info->line > kListContext ? info->line - kListContext : 1;
    for (uint32_t n = first; n <= info->line + kListContext && n <= lines->size(); ++n) {
        bool current = pc_line && pc_line->file == info->file && pc_line->line == n;
        char head[24];
        std::snprintf(head, sizeof head, "%s%5u  ", current ? "=>" : "  ", n);
        s.out() << head << source_text((*lines)[n - 1]) << "\n";
    }
}

}  // namespace trapvm::debug
