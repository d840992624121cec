// Choosing a random program (see program.hpp).
//
// The choices lean toward what finds monitor bugs: privileged instructions
// and R changes in both modes, traps of every cause, interrupts arriving
// anywhere. Plain arithmetic is there mostly to make register state vary.
#include "hardening/program.hpp"

#include "isa-spec/isa.hpp"

#include <array>

namespace trapvm::hardening {

namespace {

using pg32::Format;
using pg32::Op;

// Registers random instructions may write. ra (calls), t3 (loop counter)
// and s0 (data pointer) are kept for the frame; r0 is allowed on purpose:
// writes to it must vanish.
constexpr std::array<uint8_t, 13> kWritable = {0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 13, 14, 15};
constexpr uint8_t kS0 = 12;

std::vector<Op> ops_where(bool (*keep)(const pg32::InsnInfo&)) {
    std::vector<Op> ops;
    for (int i = 0; i < pg32::kOpCount; ++i)
        if (keep(pg32::kInsns[i])) ops.push_back(static_cast<Op>(i));
    return ops;
}

const std::vector<Op>& alu_ops() {
    static const std::vector<Op> ops = ops_where([](const pg32::InsnInfo& i) { return i.format == Format::R; });
    return ops;
}
const std::vector<Op>& alu_imm_ops() {
    static const std::vector<Op> ops = ops_where([](const pg32::InsnInfo& i) {
        return i.format == Format::I || i.format == Format::IU || i.format == Format::SH || i.format == Format::U;
    });
    return ops;
}
const std::vector<Op>& load_ops() {  // M format, less jalr (a random jump ends most programs)
    static const std::vector<Op> ops =
        ops_where([](const pg32::InsnInfo& i) { return i.format == Format::M && !(i.effects & pg32::kJump); });
    return ops;
}
const std::vector<Op>& store_ops() {
    static const std::vector<Op> ops = ops_where([](const pg32::InsnInfo& i) { return i.format == Format::S; });
    return ops;
}
const std::vector<Op>& branch_ops() {
    static const std::vector<Op> ops = ops_where([](const pg32::InsnInfo& i) { return i.format == Format::B; });
    return ops;
}

// An item of `kind` with the fields `set` fills in.
template <class F> Item with(ItemKind kind, F set) {
    Item it;
    it.kind = kind;
    set(it);
    return it;
}

Item raw_word(Entropy& e) {
    return with(ItemKind::Word, [&](Item& it) { it.imm = e.next32(); });
}

template <class T> T pick(Entropy& e, const std::vector<T>& from) {
    return from[e.below(static_cast<uint32_t>(from.size()))];
}

uint8_t writable(Entropy& e) { return kWritable[e.below(kWritable.size())]; }
uint8_t any_reg(Entropy& e) { return static_cast<uint8_t>(e.below(16)); }

// Values that sit on edges more often than chance would pick them.
uint32_t interesting(Entropy& e) {
    static constexpr uint32_t kEdges[] = {
        0,       1,          2,          3,          4,          0x7fff,    0x8000,      0xffff,
        0x10000, 0x7fffffff, 0x80000000, 0xfffffffc, 0xffffffff, kDataBase, kMemorySize, kMemorySize - 4};
    if (e.chance(50)) return kEdges[e.below(sizeof kEdges / sizeof kEdges[0])];
    return e.chance(50) ? e.below(256) : e.next32();
}

uint32_t immediate_for(Entropy& e, Format f) {
    switch (f) {
    case Format::SH: return e.below(32);
    case Format::IU:
    case Format::U: return e.chance(30) ? interesting(e) & 0xffff : e.below(0x10000);
    default: return static_cast<uint32_t>(e.chance(70) ? e.between(-16, 16) : e.between(-32768, 32767));
    }
}

// An offset from s0 for an access of `size` bytes: mostly inside the data
// area and aligned; sometimes misaligned, sometimes far away (BOUNDS, or
// over the code itself).
uint32_t offset_for(Entropy& e, uint32_t size) {
    uint32_t roll = e.below(100);
    if (roll < 80) return e.below(256) * size;
    if (roll < 90) return e.below(1024) | 1;
    return static_cast<uint32_t>(e.between(-32768, 32767));
}

uint32_t access_size(Op op) { return pg32::info(op).access_size; }

// An rbase for the program to set: often with its low two bits set (they
// read as 0), sometimes near the data or past the end of memory.
uint32_t rbase_value(Entropy& e) {
    if (e.chance(50)) return e.below(4) | (e.chance(50) ? 0 : 0x1000 * e.below(8));
    return interesting(e);
}

Item csr_write(Entropy& e) {
    using pg32::Csr;
    static const std::vector<Csr> kWeighted = {Csr::Psw,     Csr::Psw,     Csr::Psw,  Csr::Rbase, Csr::Rbound,
                                               Csr::Rbound,  Csr::Epc,     Csr::Epsw, Csr::Epsw,  Csr::Cause,
                                               Csr::Badaddr, Csr::Scratch, Csr::Tvec};
    Item it = with(ItemKind::CsrWrite, [](Item&) {});
    Csr csr = pick(e, kWeighted);
    it.sel = static_cast<uint16_t>(csr);
    if (csr == Csr::Psw || csr == Csr::Epsw) it.imm = e.chance(90) ? e.below(4) : e.next32();
    else if (csr == Csr::Rbase) it.imm = rbase_value(e);
    else it.imm = interesting(e);
    it.to_handler = csr == Csr::Tvec && e.chance(80);  // mostly keep a working handler
    return it;
}

Item port_access(Entropy& e) {
    using pg32::Port;
    static const std::vector<uint16_t> kPorts = {
        static_cast<uint16_t>(Port::ConsoleOut),    static_cast<uint16_t>(Port::ConsoleIn),
        static_cast<uint16_t>(Port::ConsoleStatus), static_cast<uint16_t>(Port::ConsoleCtrl),
        static_cast<uint16_t>(Port::TimerInterval), static_cast<uint16_t>(Port::TimerStatus),
        static_cast<uint16_t>(Port::TimerNow),      static_cast<uint16_t>(Port::ConsoleOut)};
    Item it = with(ItemKind::Port, [](Item&) {});
    it.write = e.chance(60);
    if (e.chance(97)) it.sel = pick(e, kPorts);
    else it.sel = e.chance(50) ? static_cast<uint16_t>(Port::PowerOff) : static_cast<uint16_t>(e.below(0x10000));
    it.rd = writable(e);
    if (it.sel == static_cast<uint16_t>(Port::TimerInterval)) it.imm = e.chance(20) ? 0 : 1 + e.below(300);
    else it.imm = e.chance(70) ? 'a' + e.below(26) : interesting(e);
    return it;
}

enum class Where { Body, Loop, Function };

Item generate_item(Entropy& e, Where where, int functions);
Item instruction(Entropy& e, ItemKind kind);

Item loop(Entropy& e, int functions) {
    Item it = with(ItemKind::Loop, [](Item&) {});
    it.imm = 1 + e.below(5);
    uint32_t n = 1 + e.below(6);
    for (uint32_t i = 0; i < n; ++i) it.body.push_back(generate_item(e, Where::Loop, functions));
    return it;
}

// A loop of nothing but privileged work: under the monitor every one of its
// instructions is an exit (emulated in system mode, reflected in user
// mode), the kind of guest that once never ended its time slice.
Item emulation_loop(Entropy& e) {
    using pg32::Csr;
    Item it = with(ItemKind::Loop, [](Item&) {});
    it.imm = 1 + e.below(200);
    for (uint32_t n = 1 + e.below(4); n > 0; --n) {
        if (e.chance(50)) {
            it.body.push_back(with(ItemKind::CsrRead,
                                   [&](Item& r) { r.rd = writable(e), r.sel = static_cast<uint16_t>(e.below(9)); }));
        } else if (e.chance(50)) {
            static const std::vector<Csr> kHarmless = {Csr::Scratch, Csr::Cause, Csr::Badaddr};
            it.body.push_back(with(ItemKind::CsrWrite, [&](Item& w) {
                w.sel = static_cast<uint16_t>(pick(e, kHarmless));
                w.imm = interesting(e);
            }));
        } else {
            it.body.push_back(with(ItemKind::Port, [&](Item& p) {
                p.rd = writable(e);
                p.sel = static_cast<uint16_t>(e.chance(50) ? pg32::Port::TimerNow : pg32::Port::TimerStatus);
            }));
        }
    }
    return it;
}

// Self-modifying code: a slot (an ALU instruction) that runs, is patched
// by a store of a random width at a random aligned offset, and runs again.
// The new bytes come from another ALU instruction, so the result is mostly
// a plausible instruction, sometimes anything at all.
Item patch(Entropy& e) {
    static const std::vector<Op> kStores = {Op::Sb, Op::Sh, Op::Sw};
    Item it = with(ItemKind::Patch, [&](Item& p) { p.op = static_cast<uint8_t>(pick(e, kStores)); });
    uint32_t size = access_size(static_cast<Op>(it.op));
    it.sel = static_cast<uint16_t>(e.below(4 / size) * size);
    it.body.push_back(instruction(e, e.chance(50) ? ItemKind::Alu : ItemKind::AluImm));
    Item donor = instruction(e, e.chance(50) ? ItemKind::Alu : ItemKind::AluImm);
    pg32::Decoded d{static_cast<Op>(donor.op), donor.rd, donor.rs1, donor.rs2, static_cast<int32_t>(donor.imm)};
    std::optional<uint32_t> word = e.chance(80) ? pg32::encode(d) : std::nullopt;
    it.imm = (word.value_or(e.next32()) >> (8 * it.sel)) & (size == 4 ? ~0u : (1u << (8 * size)) - 1);
    return it;
}

Item instruction(Entropy& e, ItemKind kind) {
    Item it = with(kind, [](Item&) {});
    const std::vector<Op>& ops = kind == ItemKind::Alu      ? alu_ops()
                                 : kind == ItemKind::AluImm ? alu_imm_ops()
                                 : kind == ItemKind::Load   ? load_ops()
                                 : kind == ItemKind::Store  ? store_ops()
                                                            : branch_ops();
    Op op = pick(e, ops);
    it.op = static_cast<uint8_t>(op);
    it.rd = writable(e);
    it.rs1 = kind == ItemKind::Load || kind == ItemKind::Store ? (e.chance(90) ? kS0 : any_reg(e)) : any_reg(e);
    it.rs2 = e.chance(10) ? 0 : any_reg(e);  // r0 as divisor: DIVIDE traps
    if (kind == ItemKind::AluImm) it.imm = immediate_for(e, pg32::info(op).format);
    if (kind == ItemKind::Load || kind == ItemKind::Store) it.imm = offset_for(e, access_size(op));
    if (kind == ItemKind::Branch) it.skip = e.below(4);
    return it;
}

Item generate_item(Entropy& e, Where where, int functions) {
    uint32_t roll = e.below(100);
    // Function bodies stay simple: no loops, calls, or mode changes.
    if (where == Where::Function) roll = roll % 45;
    if (roll < 14) return instruction(e, ItemKind::Alu);
    if (roll < 26) return instruction(e, ItemKind::AluImm);
    if (roll < 34) return instruction(e, ItemKind::Load);
    if (roll < 42) return instruction(e, ItemKind::Store);
    if (roll < 45) return with(ItemKind::Trap, [&](Item& it) { it.op = static_cast<uint8_t>(e.below(2)); });
    if (roll < 50) return instruction(e, ItemKind::Branch);
    if (roll < 55)
        return with(ItemKind::CsrRead,
                    [&](Item& it) { it.rd = writable(e), it.sel = static_cast<uint16_t>(e.below(9)); });
    if (roll < 66) return csr_write(e);
    if (roll < 76) return port_access(e);
    if (roll < 79) return with(ItemKind::EnterUser, [&](Item& it) { it.write = e.chance(50); });
    if (roll < 82) return with(ItemKind::EnterSystem, [](Item&) {});
    if (roll < 84) return with(e.chance(70) ? ItemKind::Wfi : ItemKind::Rfe, [](Item&) {});
    if (roll < 85 && e.chance(30)) return with(ItemKind::Halt, [](Item&) {});
    if (roll < 87 && where == Where::Body) return emulation_loop(e);
    if (roll < 89 && where == Where::Body) return patch(e);
    if (roll < 90 && where == Where::Body) return loop(e, functions);
    if (roll < 95 && functions > 0)
        return with(ItemKind::Call, [&](Item& it) { it.imm = e.below(static_cast<uint32_t>(functions)); });
    return raw_word(e);
}

}  // namespace

Program generate(Entropy& e, const GenOptions& options) {
    Program p;
    p.timer_interval = e.chance(40) ? 5 + e.below(200) : 0;
    p.interrupts = e.chance(50);
    p.console_irq = e.chance(15);
    p.start_in_user = e.chance(35);
    p.user_rbound = e.chance(80) ? kMemorySize : interesting(e);
    static constexpr uint32_t kQuanta[] = {1, 2, 3, 7, 50, pg32::kQuantumDefault};
    p.quantum = kQuanta[e.below(6)];
    for (uint32_t n = e.below(6); n > 0; --n) p.input += static_cast<char>('A' + e.below(26));
    int functions = static_cast<int>(e.below(static_cast<uint32_t>(options.max_functions) + 1));
    for (int f = 0; f < functions; ++f) {
        p.functions.emplace_back();
        for (uint32_t n = 1 + e.below(5); n > 0; --n)
            p.functions.back().push_back(generate_item(e, Where::Function, 0));
    }
    for (uint32_t n = e.below(static_cast<uint32_t>(options.max_items) + 1); n > 0; --n) {
        if (e.below(100) < static_cast<uint32_t>(options.raw_word_percent)) p.body.push_back(raw_word(e));
        else p.body.push_back(generate_item(e, Where::Body, functions));
    }
    if (options.max_beside > 0 && e.chance(30)) {
        GenOptions alone = options;
        alone.max_beside = 0;
        for (uint32_t n = 1 + e.below(static_cast<uint32_t>(options.max_beside)); n > 0; --n)
            p.beside.push_back(generate(e, alone));
    }
    return p;
}

size_t item_count(const Program& p) {
    size_t n = 0;
    auto count = [&n](const std::vector<Item>& items, auto& self) -> void {
        for (const Item& it : items) {
            ++n;
            self(it.body, self);
        }
    };
    count(p.body, count);
    for (const auto& f : p.functions) count(f, count);
    return n;
}

}  // namespace trapvm::hardening
