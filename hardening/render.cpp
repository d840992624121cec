// A generated program as PG32 assembly (see program.hpp).
//
// Layout: _start (prologue) at address 0, the body, the epilogue, the leaf
// functions, then the trap handler. Data lives at kDataBase, the handler's
// save area at kSaveArea; both start zeroed.
#include "hardening/program.hpp"
#include "isa-spec/hex.hpp"

#include "isa-spec/isa.hpp"

#include <cstdio>
#include <map>
#include <string>

namespace trapvm::hardening {

namespace {

// std::string("r") + ..., not "r" + ...: g++ 12 warns falsely (-Wrestrict) about the latter.
std::string reg(uint8_t r) { return std::string("r") + std::to_string(r); }
std::string mnemonic(uint8_t op) { return pg32::info(static_cast<pg32::Op>(op)).mnemonic; }
std::string csr_name(uint16_t csr) {
    const pg32::CsrInfo* c = pg32::csr_by_number(csr);
    return c ? c->name : "psw";
}
// Immediates as the assembler reads them: signed fields in decimal.
std::string simm(uint32_t v) { return std::to_string(static_cast<int32_t>(v)); }

class Writer {
public:
    std::string text;

    void line(const std::string& s) { text += "        " + s + "\n"; }
    void label(const std::string& name) { text += name + ":\n"; }
    std::string fresh() { return std::string("L") + std::to_string(next_label_++); }

    void items(const std::vector<Item>& list) {
        std::map<size_t, std::vector<std::string>> targets;  // list index -> labels placed before it
        for (size_t i = 0; i < list.size(); ++i) {
            for (const std::string& l : targets[i]) label(l);
            item(list[i], targets, i, list.size());
        }
        for (const std::string& l : targets[list.size()]) label(l);
    }

private:
    int next_label_ = 0;

    void item(const Item& it, std::map<size_t, std::vector<std::string>>& targets, size_t index, size_t size);
    void loop(const Item& it);
    void csr_write(const Item& it);
    void port(const Item& it);
    void enter_user(bool interrupts);
    void patch(const Item& it);
};

void Writer::item(const Item& it, std::map<size_t, std::vector<std::string>>& targets, size_t index, size_t size) {
    std::string m = mnemonic(it.op);
    switch (it.kind) {
    case ItemKind::Alu: line(m + " " + reg(it.rd) + ", " + reg(it.rs1) + ", " + reg(it.rs2)); break;
    case ItemKind::AluImm: {
        pg32::Format f = pg32::info(static_cast<pg32::Op>(it.op)).format;
        if (f == pg32::Format::U) line(m + " " + reg(it.rd) + ", " + pg32::hex(it.imm));
        else if (f == pg32::Format::I) line(m + " " + reg(it.rd) + ", " + reg(it.rs1) + ", " + simm(it.imm));
        else line(m + " " + reg(it.rd) + ", " + reg(it.rs1) + ", " + pg32::hex(it.imm));
        break;
    }
    case ItemKind::Load: line(m + " " + reg(it.rd) + ", " + simm(it.imm) + "(" + reg(it.rs1) + ")"); break;
    case ItemKind::Store: line(m + " " + reg(it.rs2) + ", " + simm(it.imm) + "(" + reg(it.rs1) + ")"); break;
    case ItemKind::Branch: {
        std::string target = fresh();
        targets[std::min(size, index + 1 + it.skip)].push_back(target);
        line(m + " " + reg(it.rs1) + ", " + reg(it.rs2) + ", " + target);
        break;
    }
    case ItemKind::Call: line("call fn" + std::to_string(it.imm)); break;
    case ItemKind::Loop: loop(it); break;
    case ItemKind::Trap: line(it.op ? "brk" : "sys"); break;
    case ItemKind::CsrRead: line("csrr " + reg(it.rd) + ", " + csr_name(it.sel)); break;
    case ItemKind::CsrWrite: csr_write(it); break;
    case ItemKind::Port: port(it); break;
    case ItemKind::Rfe: line("rfe"); break;
    case ItemKind::Wfi: line("wfi"); break;
    case ItemKind::Halt: line("halt"); break;
    case ItemKind::EnterUser: enter_user(it.write); break;
    case ItemKind::EnterSystem:
        line("li a0, " + pg32::hex(kEnterSystemMagic));
        line("sys");
        break;
    case ItemKind::Word: line(".word " + pg32::hex(it.imm)); break;
    case ItemKind::Patch: patch(it); break;
    }
}

// Runs the slot (so it is pre-decoded), stores into it, runs it again. a0
// and a1 are scratch here; the slot returns with jalr through ra.
void Writer::patch(const Item& it) {
    std::string run = fresh(), done = fresh();
    line("la a0, " + run);
    line("li a1, " + pg32::hex(it.imm));
    line("jal ra, " + run);
    line(mnemonic(it.op) + " a1, " + std::to_string(it.sel) + "(a0)");
    line("jal ra, " + run);
    line("j " + done);
    label(run);
    std::map<size_t, std::vector<std::string>> none;
    item(it.body.at(0), none, 0, 1);
    line("jalr zero, 0(ra)");
    label(done);
}

// t3 counts; the body never writes it (see kWritable in generate.cpp).
void Writer::loop(const Item& it) {
    std::string top = fresh();
    line("li t3, " + std::to_string(it.imm));
    label(top);
    items(it.body);
    line("addi t3, t3, -1");
    line("bnez t3, " + top);
}

void Writer::csr_write(const Item& it) {
    line(it.to_handler ? "la a0, handler" : "li a0, " + pg32::hex(it.imm));
    line("csrw " + csr_name(it.sel) + ", a0");
}

void Writer::port(const Item& it) {
    if (!it.write) return line("in " + reg(it.rd) + ", " + pg32::hex(it.sel));
    line("li a0, " + pg32::hex(it.imm));
    line("out " + pg32::hex(it.sel) + ", a0");
}

// rfe to the next line with epsw = user mode: the only way down.
void Writer::enter_user(bool interrupts) {
    std::string next = fresh();
    line("la a0, " + next);
    line("csrw epc, a0");
    line(std::string("li a0, ") + (interrupts ? "PSW_IE" : "0"));
    line("csrw epsw, a0");
    line("rfe");
    label(next);
}

void prologue(Writer& w, const Program& p) {
    w.text +=
        "# A generated test program (trapvm hardening). Run it with\n"
        "#   trapvm run --mem-size 64K --max-steps 20000 PROGRAM.s\n"
        "#   trapvm run --mem-size 64K --max-steps 20000 --vmm --quantum " +
        std::to_string(p.quantum) + " PROGRAM.s\n";
    if (!p.input.empty()) w.text += "# console input: \"" + p.input + "\"\n";
    w.text += ".include \"pg32.inc\"\n\n";
    w.label("_start");
    w.line("la t0, handler");
    w.line("csrw tvec, t0");
    w.line("li s0, " + pg32::hex(kDataBase));
    w.line("li t0, " + pg32::hex(p.user_rbound));
    w.line("csrw rbound, t0");
    if (p.timer_interval) w.line("li t0, " + std::to_string(p.timer_interval)), w.line("out TIMER_INTERVAL, t0");
    if (p.console_irq) w.line("li t0, CONSOLE_IRQ_ENABLE"), w.line("out CONSOLE_CTRL, t0");
    if (p.interrupts) w.line("li t0, PSW_SYSTEM | PSW_IE"), w.line("csrw psw, t0");
    if (p.start_in_user) w.text += "        # to user mode\n";
}

// Back to system mode (through the handler), then power off with a1 as
// the status. If that fails (a broken handler) the loop ends at the step cap.
void epilogue(Writer& w) {
    w.text += "        # the end\n";
    w.line("li a0, " + pg32::hex(kEnterSystemMagic));
    w.line("sys");
    w.line("out POWER_OFF, a1");
    w.label("spin");
    w.line("j spin");
}

// Skips the instruction that trapped, acknowledges interrupts, returns in
// system mode for the EnterSystem call, and powers off after kMaxTraps traps.
void handler(Writer& w) {
    const std::string save = pg32::hex(kSaveArea), save4 = pg32::hex(kSaveArea + 4), count = pg32::hex(kSaveArea + 8);
    w.label("handler");
    w.line("sw t0, " + save + "(zero)");
    w.line("sw t1, " + save4 + "(zero)");
    w.line("lw t0, " + count + "(zero)");
    w.line("addi t0, t0, 1");
    w.line("sw t0, " + count + "(zero)");
    w.line("li t1, " + std::to_string(kMaxTraps));
    w.line("bltu t0, t1, h_cause");
    w.line("out POWER_OFF, t0");
    w.label("h_cause");
    w.line("csrr t0, cause");
    w.line("li t1, CAUSE_TIMER");
    w.line("bne t0, t1, h_console");
    w.line("out TIMER_STATUS, zero");
    w.line("j h_return");
    w.label("h_console");
    w.line("li t1, CAUSE_CONSOLE");
    w.line("bne t0, t1, h_syscall");
    w.line("in t0, CONSOLE_IN");
    w.line("addi t0, t0, 1");
    w.line("bnez t0, h_return");
    w.line("out CONSOLE_CTRL, zero");  // input ended: stop its interrupt
    w.line("j h_return");
    w.label("h_syscall");
    w.line("li t1, CAUSE_SYSCALL");
    w.line("bne t0, t1, h_skip");
    w.line("li t1, " + pg32::hex(kEnterSystemMagic));
    w.line("bne a0, t1, h_skip");
    w.line("csrr t0, epsw");
    w.line("ori t0, t0, PSW_SYSTEM");
    w.line("csrw epsw, t0");
    w.label("h_skip");
    w.line("csrr t0, epc");
    w.line("addi t0, t0, 4");
    w.line("csrw epc, t0");
    w.label("h_return");
    w.line("lw t0, " + save + "(zero)");
    w.line("lw t1, " + save4 + "(zero)");
    w.line("rfe");
}

}  // namespace

std::string render(const Program& p) {
    Writer w;
    prologue(w, p);
    if (p.start_in_user) {
        Item enter;
        enter.kind = ItemKind::EnterUser;
        enter.write = p.interrupts;
        w.items({enter});
    }
    w.items(p.body);
    epilogue(w);
    for (size_t f = 0; f < p.functions.size(); ++f) {
        w.label("fn" + std::to_string(f));
        w.items(p.functions[f]);
        w.line("ret");
    }
    handler(w);
    return w.text;
}

}  // namespace trapvm::hardening
