// Every instruction of the table, with edge-case operands, goes
//   text -> assemble -> word == pg32::encode(expected) -> decode ->
//   disassemble -> assemble again -> the same word.
// The text is built here from the operand kinds of each row's format (not
// by the disassembler), so a new row in instructions.tbl is covered with no
// change to this file.
#include "asm_test_util.hpp"
#include "isa-spec/hex.hpp"
#include "isa-spec/isa.hpp"

#include <cstdio>

using namespace asmtest;
using pg32::OperandKind;

namespace {

// High enough that a backward jump of the full range wraps below 0, which
// the machine's pc does too.
constexpr uint32_t kPc = 0x00100000;

std::vector<int64_t> edge_values(OperandKind kind) {
    switch (kind) {
    case OperandKind::Rd:
    case OperandKind::Rs1:
    case OperandKind::Rs2: return {0, 15, 1, 7, 12};
    case OperandKind::Csr: {
        std::vector<int64_t> v;
        for (const pg32::CsrInfo& c : pg32::kCsrs) v.push_back(static_cast<int64_t>(c.value));
        return v;
    }
    default: {
        pg32::Range r = pg32::operand_range(kind);
        std::vector<int64_t> v = {r.min, r.max, 0, r.step};
        if (r.min < 0) v.push_back(-r.step);
        return v;
    }
    }
}

// Registers alternate between rN and ABI names (both must parse); ports
// alternate between numbers and names where ports.tbl has one.
std::string text_of(OperandKind kind, int64_t v, int64_t reg, size_t row) {
    auto reg_text = [&](int64_t r) {
        return row % 2 ? cat("r", std::to_string(r)) : std::string(pg32::register_name(static_cast<int>(r)));
    };
    switch (kind) {
    case OperandKind::Rd:
    case OperandKind::Rs1:
    case OperandKind::Rs2: return reg_text(v);
    case OperandKind::Mem: return cat(std::to_string(v), "(", reg_text(reg), ")");
    case OperandKind::Target16:
    case OperandKind::Target20: return pg32::hex(kPc + static_cast<uint32_t>(v));
    case OperandKind::Csr: return pg32::csr_by_number(static_cast<uint32_t>(v))->name;
    case OperandKind::Port:
        if (const pg32::PortInfo* p = pg32::port_by_number(static_cast<uint32_t>(v)); p && row % 2) return p->name;
        return pg32::hex(static_cast<uint32_t>(v));
    case OperandKind::Uimm16: return pg32::hex(static_cast<uint32_t>(v));
    default: return std::to_string(v);
    }
}

void set_field(pg32::Decoded& d, OperandKind kind, int64_t v, int64_t reg) {
    switch (kind) {
    case OperandKind::Rd: d.rd = static_cast<uint8_t>(v); break;
    case OperandKind::Rs1: d.rs1 = static_cast<uint8_t>(v); break;
    case OperandKind::Rs2: d.rs2 = static_cast<uint8_t>(v); break;
    case OperandKind::Mem: d.imm = static_cast<int32_t>(v), d.rs1 = static_cast<uint8_t>(reg); break;
    default: d.imm = static_cast<int32_t>(v); break;
    }
}

uint32_t assemble_one(const std::string& line, const Image* symbols = nullptr, uint32_t pc = kPc) {
    std::string text;
    if (symbols)  // the labels the disassembler printed, as constants
        for (const Symbol& s : symbols->symbols) text += cat(".equ ", s.name, ", ", std::to_string(s.value), "\n");
    text += cat(".org ", std::to_string(pc), "\n", line, "\n");
    return word_at(ok(text), pc);
}

struct Case {
    pg32::Decoded expected;
    std::string text;
};

// Row `row` of the edge cases of op: operand i takes its (row mod n)th value.
Case make_case(pg32::Op op, size_t row) {
    const pg32::FormatInfo& f = pg32::format_info(op);
    Case c{{op, 0, 0, 0, 0}, pg32::info(op).mnemonic};
    for (int i = 0; i < f.operand_count; ++i) {
        std::vector<int64_t> values = edge_values(f.operands[i]);
        int64_t v = values[row % values.size()], reg = 15 - static_cast<int64_t>(row % 16);
        set_field(c.expected, f.operands[i], v, reg);
        c.text += i ? ", " : " ";
        c.text += text_of(f.operands[i], v, reg, row);
    }
    return c;
}

size_t rows_for(pg32::Op op) {
    const pg32::FormatInfo& f = pg32::format_info(op);
    size_t rows = 1;
    for (int i = 0; i < f.operand_count; ++i) rows = std::max(rows, edge_values(f.operands[i]).size());
    return rows;
}

}  // namespace

TEST_CASE("every instruction round-trips through assembler and disassembler with edge-case operands") {
    int checked = 0;
    for (int i = 0; i < pg32::kOpCount; ++i) {
        pg32::Op op = static_cast<pg32::Op>(i);
        const pg32::ProfileInfo* profile = &pg32::base_profile();  // the first profile that has it
        while (!pg32::in_profile(op, *profile)) ++profile;
        ProfileScope scope(*profile);
        for (size_t row = 0; row < rows_for(op); ++row) {
            Case c = make_case(op, row);
            INFO("source: ", c.text);
            std::optional<uint32_t> expected = pg32::encode(c.expected);
            REQUIRE(expected.has_value());
            uint32_t word = assemble_one(c.text);
            CHECK(word == *expected);
            std::optional<pg32::Decoded> d = pg32::decode(word);
            REQUIRE(d.has_value());
            CHECK(*d == c.expected);
            std::string again = disassemble(*d, kPc);
            INFO("disassembly: ", again);
            CHECK(assemble_one(again) == word);
            ++checked;
        }
    }
    CHECK(checked >= pg32::kOpCount);
}

TEST_CASE("an instruction of another profile is an error that names its profile") {
    AssembleResult r = assemble_source("rdpsw a0\n", "t.s");
    REQUIRE(!r.ok());
    CHECK(r.diagnostics.at(0).message ==
          "'rdpsw' is not an instruction of profile pg32 (it is one of profile leaky-psw, vt)");
    ProfileScope scope(*pg32::profile_by_name("leaky-psw"));
    AssembleResult flawed = assemble_source("rdpsw a0\n", "t.s");
    REQUIRE(flawed.ok());
    CHECK(flawed.image->profile == "leaky-psw");
}

TEST_CASE("mnemonics registers and csr names are case-insensitive") {
    CHECK(assemble_one("ADD A0, Zero, R5") == assemble_one("add a0, zero, r5"));
    CHECK(assemble_one("CsrR t0, PSW") == assemble_one("csrr t0, psw"));
    CHECK(assemble_one("Nop") == assemble_one("addi zero, zero, 0"));
}

TEST_CASE("branch targets print as labels when an image has one there") {
    Image image =
        ok(".org 0x100000\nloop: addi a0, a0, -1\n bne a0, zero, loop\n jal ra, far\n.org 0x100100\nfar: halt\n");
    uint32_t bne = word_at(image, kPc + 4), jal = word_at(image, kPc + 8);
    CHECK(disassemble_word(bne, kPc + 4, &image) == "bne a0, zero, loop");
    CHECK(disassemble_word(jal, kPc + 8, &image) == "jal ra, far");
    CHECK(disassemble_word(bne, kPc + 4) == "bne a0, zero, 0x00100000");
    // Re-assembling the labelled text with the same symbols gives the same word.
    CHECK(assemble_one("jal ra, far", &image, kPc + 8) == jal);
}

TEST_CASE("the disassembler prints operands in the syntax of the format") {
    using pg32::Op;
    CHECK(disassemble({Op::Add, 3, 4, 5, 0}, 0) == "add a0, a1, a2");
    CHECK(disassemble({Op::Addi, 3, 0, 0, -1}, 0) == "addi a0, zero, -1");
    CHECK(disassemble({Op::Ori, 3, 3, 0, 0xff}, 0) == "ori a0, a0, 0xff");
    CHECK(disassemble({Op::Lw, 8, 2, 0, -4}, 0) == "lw t0, -4(sp)");
    CHECK(disassemble({Op::Sw, 0, 2, 12, 8}, 0) == "sw s0, 8(sp)");
    CHECK(disassemble({Op::Beq, 0, 3, 0, 8}, 0x120) == "beq a0, zero, 0x00000128");
    CHECK(disassemble({Op::Csrw, 0, 8, 0, 6}, 0) == "csrw rbase, t0");
    CHECK(disassemble({Op::Out, 0, 3, 0, 0}, 0) == "out CONSOLE_OUT, a0");
    CHECK(disassemble({Op::In, 3, 0, 0, 0x40}, 0) == "in a0, 0x40");
    CHECK(disassemble({Op::Halt, 0, 0, 0, 0}, 0) == "halt");
    CHECK(disassemble_word(0x00000000, 0) == ".word 0x00000000");
    CHECK(disassemble_word(0x01000001, 0) == ".word 0x01000001");  // reserved bit set
}
