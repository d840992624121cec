// break, watch, delete, info breakpoints.
#include "debugger/handlers.hpp"

#include "isa-spec/isa.hpp"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace trapvm::debug {

namespace {

std::string upper(std::string text) {
    for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}
std::string lower(std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

void added(Session& s, const char* kind, int number, const std::string& what) {
    s.out() << kind << " " << number << ": " << what << "\n";
}

void break_trap(Session& s, const Args& args) {
    if (args.size() != 2) return s.error("usage: break trap CAUSE|any (a cause: SYSCALL, BOUNDS, TIMER, ...)");
    Breakpoint b;
    b.kind = Breakpoint::Kind::Trap;
    if (lower(args[1]) != "any") {
        const pg32::CauseInfo* cause = pg32::cause_by_name(upper(args[1]));
        if (!cause) return s.error("no trap cause '" + args[1] + "' (see causes in the PG32 reference)");
        b.cause = static_cast<uint32_t>(cause->value);
    }
    b.what = "trap " + (b.cause ? pg32::cause_name(*b.cause) : std::string("any"));
    added(s, "Breakpoint", s.breakpoints().add(b), b.what);
}

void break_mode(Session& s, const Args& args) {
    Breakpoint b;
    b.kind = Breakpoint::Kind::Mode;
    b.what = "mode change";
    if (args.size() == 2 && (args[1] == "user" || args[1] == "system")) {
        b.to_system = args[1] == "system";
        b.what += " to " + args[1];
    } else if (args.size() != 1) {
        return s.error("usage: break mode [user|system]");
    }
    added(s, "Breakpoint", s.breakpoints().add(b), b.what);
}

bool known_exit(const std::string& name) {
    if (name == "any") return true;
    if (std::optional<pg32::Op> op = pg32::op_by_mnemonic(name))  // emulated, or patched (--vmm=patch)
        return pg32::is_privileged(*op) || pg32::is_sensitive(*op);
    return pg32::cause_by_name(upper(name)) != nullptr;
}

void break_exit(Session& s, const Args& args) {
    if (!s.under_monitor()) return s.error("exit breakpoints need the monitor (start with --vmm)");
    if (args.size() != 2)
        return s.error("usage: break exit NAME|any (an emulated instruction like csrw, or a cause like SYSCALL)");
    std::string name = lower(args[1]);
    if (!known_exit(name))
        return s.error("no exit '" + args[1] +
                       "': give a privileged instruction (csrw, rfe, ...), a patched one (rdpsw, ...), a "
                       "cause (SYSCALL, TIMER, ...) or any");
    Breakpoint b;
    b.kind = Breakpoint::Kind::Exit;
    b.exit = name;
    b.what = "exit " + (pg32::cause_by_name(upper(name)) ? upper(name) : name);
    added(s, "Breakpoint", s.breakpoints().add(b), b.what);
}

// "loop at 0x00000010 [prog.s:12]": a location with what it resolved to.
std::string describe_code(Session& s, int vm, const std::string& text, uint32_t physical) {
    std::string what = text + " at " + hex32(physical);
    std::string label = s.symbols(vm).label(physical);
    if (!label.empty() && label != text) what += " <" + label + ">";
    std::string line = s.symbols(vm).line(physical);
    return line.empty() || line == text ? what : what + " [" + line + "]";
}

// A user program's label or line stops in that program at any rbase;
// anything else at its physical address.
void break_code(Session& s, const std::string& text) {
    Breakpoint b;
    b.kind = Breakpoint::Kind::Code;
    int found_in = -1;
    for (int vm = 0; vm < s.vm_count(); ++vm) {
        Location where = s.try_locate(text, vm);
        bool user = !where.user.empty();
        b.code.push_back(user ? std::nullopt : where.address);
        b.user.push_back(where.user);
        if ((where.address || user) && (found_in < 0 || vm == s.vm())) found_in = vm;
    }
    if (found_in < 0) {
        s.locate(text);  // prints why
        return;
    }
    const std::vector<UserAt>& user = b.user[static_cast<size_t>(found_in)];
    b.what = user.empty() ? describe_code(s, found_in, text, *b.code[static_cast<size_t>(found_in)])
                          : describe_user(text, user);
    added(s, "Breakpoint", s.breakpoints().add(b), b.what);
}

std::string size_text(uint32_t size) { return size == 1 ? "1 byte" : std::to_string(size) + " bytes"; }

}  // namespace

void cmd_break(Session& s, const Args& args) {
    if (args.empty()) {  // GDB: at the current instruction
        CpuView cpu = s.world().cpu(s.vm());
        std::optional<uint32_t> physical = s.world().physical(s.vm(), cpu.pc, 4);
        if (!physical) return s.error("the pc is outside R: give a location");
        return break_code(s, hex32(*physical));
    }
    if (args[0] == "trap") return break_trap(s, args);
    if (args[0] == "mode") return break_mode(s, args);
    if (args[0] == "exit") return break_exit(s, args);
    if (!no_more_args(s, args, 1)) return;
    break_code(s, args[0]);
}

void cmd_watch(Session& s, const Args& args) {
    if (args.empty()) return s.error("watch what? (watch LOCATION [1|2|4], or watch REGISTER)");
    if (!no_more_args(s, args, 2)) return;
    Breakpoint b;
    b.vm = s.vm();
    std::string in_vm = s.vm_count() > 1 ? " in " + s.vm_name(b.vm) : "";
    if (std::optional<int> reg = pg32::register_by_name(args[0]); reg && args.size() == 1) {
        if (*reg == 0) return s.error("zero never changes: nothing to watch");
        b.kind = Breakpoint::Kind::WatchRegister;
        b.reg = *reg;
        b.what = pg32::register_name(*reg);
        return added(s, "Watchpoint", s.breakpoints().add(b), b.what + in_vm);
    }
    b.kind = Breakpoint::Kind::WatchMemory;
    if (args.size() == 2) {
        std::optional<uint64_t> size = parse_number(args[1]);
        if (!size || (*size != 1 && *size != 2 && *size != 4)) return s.error("a watch size is 1, 2 or 4 bytes");
        b.size = static_cast<uint32_t>(*size);
    }
    Location where = s.try_locate(args[0], b.vm);
    std::optional<uint32_t> physical = s.locate(args[0]);
    if (!physical) return;
    if (!s.world().read(b.vm, *physical, static_cast<int>(b.size)))
        return s.error(hex32(*physical) + " is outside memory");
    b.address = *physical;
    b.what = args[0] + " (" + size_text(b.size) + " at " + hex32(b.address);
    Running running = s.symbols(b.vm).running();  // a user label: this copy of its program
    uint32_t rbase = s.world().cpu(b.vm).priv.rbase;
    if (!where.user.empty() && running.program)
        b.what += ": user " + hex32(b.address - running.rbase) + " of " + printable(running.program->name) +
                  " at rbase " + hex32(running.rbase);
    else if (args[0].starts_with('@'))  // a user address by number
        b.what += ": user " + hex32(b.address - rbase) + " at rbase " + hex32(rbase);
    b.what += ")";
    added(s, "Watchpoint", s.breakpoints().add(b), b.what + in_vm);
}

void cmd_delete(Session& s, const Args& args) {
    if (args.empty()) {
        s.breakpoints().clear();
        s.out() << "Deleted all breakpoints and watchpoints.\n";
        return;
    }
    for (const std::string& a : args) {
        std::optional<uint64_t> n = parse_number(a);
        if (!n || !s.breakpoints().remove(static_cast<int>(*n))) s.error("no breakpoint number '" + a + "'");
    }
}

void info_breakpoints(Session& s) {
    if (s.breakpoints().empty()) {
        s.out() << "No breakpoints or watchpoints.\n";
        return;
    }
    s.out() << "Num  Type   What\n";
    for (const Breakpoint& b : s.breakpoints().list()) {
        char head[32];
        std::snprintf(head, sizeof head, "%-4d %-6s ", b.number, b.kind_name());
        bool watch = b.kind == Breakpoint::Kind::WatchMemory || b.kind == Breakpoint::Kind::WatchRegister;
        s.out() << head << b.what << (watch && s.vm_count() > 1 ? " in " + s.vm_name(b.vm) : "") << "\n";
    }
}

}  // namespace trapvm::debug
