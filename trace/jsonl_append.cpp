// Writing JSON Lines fast (see JsonlWriter in jsonl.hpp).
//
// Steps and traps are nearly every line of a trace: they are written here
// field by field, in to_json()'s order and with nlohmann's spelling (no
// spaces, plain decimal numbers), so the bytes are to_line(to_json(e))'s.
// format_test.cpp checks that on every kind of record. The other events
// are rare (monitor exits, the end) and go through to_json() itself.
#include "isa-spec/isa.hpp"
#include "trace/jsonl.hpp"

#include <array>

namespace trapvm::trace {

namespace {

// The bytes nlohmann writes as they are between quotes: printable ASCII
// but '"' and '\'. Anything else (escapes, UTF-8, bytes that are not
// UTF-8 and become U+FFFD) is left to nlohmann.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c <= 0x7e; ++c) plain[c] = c != '"' && c != '\\';
    return plain;
}();

bool plain(std::string_view s) {
    for (char c : s)
        if (!kPlain[static_cast<unsigned char>(c)]) return false;
    return true;
}

void string_value(OutBuffer& out, std::string_view s) {
    if (!plain(s)) return out.put(to_line(nlohmann::ordered_json(std::string(s))));
    out.put('"');
    out.put(s);
    out.put('"');
}

// `,"key":`, made when compiled, so that writing it is a copy of a known
// length: each field but an object's first, whose comma becomes '{'.
template <size_t N> struct Key {
    char text[N + 4]{};  // ',' '"' name '"' ':' '\0'
    constexpr Key(const char (&name)[N]) {
        text[0] = ',';
        text[1] = '"';
        for (size_t i = 0; i + 1 < N; ++i) text[2 + i] = name[i];
        text[N + 1] = '"';
        text[N + 2] = ':';
    }
};

template <Key K> void key(OutBuffer& out) { out.lit(K.text); }

template <Key K> void number_field(OutBuffer& out, uint64_t v) {
    out.lit(K.text);
    out.dec(v);
}

template <Key K> void string_field(OutBuffer& out, std::string_view v) {
    out.lit(K.text);
    string_value(out, v);
}

// `[` then each item as `{...}` separated by commas, then `]`: put(item)
// writes one item's fields, each with its leading comma, so the first
// comma is replaced by the '{'.
template <Key K, class T, class Put> void array_field(OutBuffer& out, const std::vector<T>& items, Put put) {
    key<K>(out);
    out.put('[');
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out.put(',');
        size_t open = out.size();
        put(items[i]);
        out.set(open, '{');  // over the first field's comma
        out.put('}');
    }
    out.put(']');
}

void reg_item(OutBuffer& out, const RegWrite& w) {
    number_field<"reg">(out, w.reg);
    string_field<"name">(out, pg32::register_name(w.reg));
    number_field<"old">(out, w.old_value);
    number_field<"new">(out, w.new_value);
}

// Nearly every step writes one register: its item's first fields,
// `,"reg":8,"name":"t0"`, are written once per register by reg_item's code.
constexpr int kRegisters = 16;
const std::array<std::string, kRegisters>& reg_fields() {
    static const std::array<std::string, kRegisters> fields = [] {
        std::array<std::string, kRegisters> all;
        for (int reg = 0; reg < kRegisters; ++reg) {
            OutBuffer out;
            number_field<"reg">(out, static_cast<uint64_t>(reg));
            string_field<"name">(out, pg32::register_name(reg));
            all[static_cast<size_t>(reg)] = out.view();
        }
        return all;
    }();
    return fields;
}

void fast_reg_item(OutBuffer& out, const RegWrite& w) {
    if (w.reg >= kRegisters) return reg_item(out, w);
    out.put(reg_fields()[w.reg]);
    number_field<"old">(out, w.old_value);
    number_field<"new">(out, w.new_value);
}

void mem_item(OutBuffer& out, const MemWrite& w) {
    number_field<"addr">(out, w.address);
    number_field<"phys">(out, w.physical);
    number_field<"size">(out, w.size);
    number_field<"old">(out, w.old_value);
    number_field<"new">(out, w.new_value);
}

void port_item(OutBuffer& out, const PortAccess& p) {
    const pg32::PortInfo* info = pg32::port_by_number(p.port);
    number_field<"port">(out, p.port);
    string_field<"name">(out, info ? info->name : "");
    string_field<"dir">(out, p.write ? "out" : "in");
    number_field<"value">(out, p.value);
}

void csr_item(OutBuffer& out, const CsrWrite& w) {
    const pg32::CsrInfo* info = pg32::csr_by_number(static_cast<uint32_t>(w.csr));
    string_field<"csr">(out, info ? info->name : "?");
    number_field<"old">(out, w.old_value);
    number_field<"new">(out, w.new_value);
}

// The fields of a step that depend only on its instruction: from "mode"
// to "src".
void instruction_fields(OutBuffer& out, const Event& e) {
    const Record& r = e.record;
    string_field<"mode">(out, r.system ? "system" : "user");
    number_field<"pc">(out, r.pc);
    key<"pc_hex">(out);
    out.lit("\"0x");
    out.hex8(r.pc);
    out.put('"');
    number_field<"word">(out, r.word);
    string_field<"asm">(out, e.assembly);
    string_field<"sym">(out, e.symbol);
    string_field<"src">(out, e.source);
}

void effect_fields(OutBuffer& out, const Record& r) {
    array_field<"regs">(out, r.regs, [&](const RegWrite& w) { fast_reg_item(out, w); });
    array_field<"mem">(out, r.mems, [&](const MemWrite& w) { mem_item(out, w); });
    array_field<"ports">(out, r.ports, [&](const PortAccess& p) { port_item(out, p); });
    array_field<"csrs">(out, r.csrs, [&](const CsrWrite& w) { csr_item(out, w); });
}

void trap_fields(OutBuffer& out, const Event& e) {
    const Trap& t = e.record.trap;
    string_field<"mode">(out, e.record.system ? "system" : "user");
    number_field<"epc">(out, e.record.pc);
    string_field<"cause">(out, pg32::cause_name(static_cast<uint32_t>(t.cause)));
    number_field<"code">(out, static_cast<uint32_t>(t.cause));
    number_field<"badaddr">(out, t.badaddr);
    string_field<"sym">(out, e.symbol);
    string_field<"src">(out, e.source);
    array_field<"csrs">(out, e.record.csrs,
                        [&](const CsrWrite& w) { csr_item(out, w); });  // the trap sequence's writes
}

}  // namespace

// A step at an address seen before, with the same instruction and
// annotation, reuses the fields written then.
const OutBuffer& JsonlWriter::instruction(const Event& e) {
    if (cache_.empty()) cache_.resize(kCacheSize);
    const Record& r = e.record;
    Instruction& c = cache_[(r.pc >> 2) % kCacheSize];
    bool same = c.valid && c.pc == r.pc && c.word == r.word && c.system == r.system && c.assembly == e.assembly &&
                c.symbol == e.symbol && c.source == e.source;
    if (same) return c.fields;
    c.valid = true;
    c.pc = r.pc;
    c.word = r.word;
    c.system = r.system;
    c.assembly = e.assembly;
    c.symbol = e.symbol;
    c.source = e.source;
    c.fields.clear();
    instruction_fields(c.fields, e);
    return c.fields;
}

void JsonlWriter::append(OutBuffer& out, const Event& e) {
    if (!e.guest_visible()) {
        out.put(to_line(to_json(e)));
        out.put('\n');
        return;
    }
    if (e.type == Event::Type::Step) out.lit("{\"type\":\"step\"");
    else out.lit("{\"type\":"), string_value(out, type_name(e));
    if (e.vm >= 0) number_field<"vm">(out, static_cast<uint64_t>(e.vm));
    number_field<"step">(out, e.record.step);
    if (e.type == Event::Type::Step) {
        out.put(instruction(e).view());
        effect_fields(out, e.record);
    } else {
        trap_fields(out, e);
    }
    out.lit("}\n");
}

}  // namespace trapvm::trace
