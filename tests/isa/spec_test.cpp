// The instruction table checks itself: encodings do not overlap, the
// Popek-Goldberg classes obey Theorem 1, and the decoder and encoder built
// from the table are exact inverses on every instruction.
#include "isa-spec/isa.hpp"

#include <doctest/doctest.h>

#include <random>
#include <set>
#include <string>

using namespace pg32;

namespace {

// Every word that decodes to op has the opcode bits and zeros in the
// reserved bits: its (mask, match) pair.
uint32_t fixed_mask(Op op) { return 0xff000000u | format_info(op).reserved_mask; }
uint32_t fixed_match(Op op) { return static_cast<uint32_t>(info(op).opcode) << 24; }

// Edge values of an operand kind: the ends of its range and a few in between.
std::vector<int32_t> edge_values(OperandKind kind) {
    Range r = operand_range(kind);
    std::vector<int32_t> v = {static_cast<int32_t>(r.min), static_cast<int32_t>(r.max), 0};
    if (r.min < 0) v.push_back(static_cast<int32_t>(-r.step));
    v.push_back(static_cast<int32_t>(r.step));
    return v;
}

OperandKind imm_kind_of(Op op) {
    const FormatInfo& f = format_info(op);
    for (int i = 0; i < f.operand_count; ++i)
        if (f.operands[i] != OperandKind::Rd && f.operands[i] != OperandKind::Rs1 && f.operands[i] != OperandKind::Rs2)
            return f.operands[i];
    return OperandKind::Rd;  // no immediate
}

}  // namespace

// Within a profile: two profiles may give one opcode different instructions
// (the lab profiles lab-virt-a and lab-virt-b do), as isa-gen allows.
TEST_CASE("no two instruction encodings of one profile overlap") {
    for (int i = 0; i < kOpCount; ++i)
        for (int j = i + 1; j < kOpCount; ++j) {
            Op a = static_cast<Op>(i), b = static_cast<Op>(j);
            if (!(info(a).profiles & info(b).profiles)) continue;  // never decoded by the same profile
            uint32_t both = fixed_mask(a) & fixed_mask(b);
            INFO(info(a).mnemonic, " vs ", info(b).mnemonic);
            CHECK((fixed_match(a) & both) != (fixed_match(b) & both));
        }
}

// The profile's own instructions that are sensitive and not privileged:
// the declared violators of Theorem 1 (or of Theorem 3, user_only).
std::vector<std::string> declared_violators(const ProfileInfo& p, bool user_only) {
    std::vector<std::string> out;
    for (const InsnInfo& i : kInsns)
        if ((i.profiles & p.bit) && i.sensitivity != kInnocuous && !i.privileged && !(user_only && i.system_only))
            out.push_back(i.mnemonic);
    return out;
}

TEST_CASE("every sensitive instruction of pg32 is privileged (Theorem 1)") {
    CHECK(std::string(base_profile().name) == "pg32");
    CHECK(base_profile().theorem1);
    CHECK(base_profile().theorem3);
    for (const InsnInfo& i : kInsns) {
        INFO(i.mnemonic);
        if ((i.profiles & base_profile().bit) && i.sensitivity != kInnocuous) CHECK(i.privileged);
    }
}

TEST_CASE("each profile's declared verdicts agree with its rows, and a flawed one adds its flaw") {
    for (const ProfileInfo& p : kProfiles) {
        INFO(p.name);
        CHECK(p.theorem1 == declared_violators(p, false).empty());
        CHECK(p.theorem3 == declared_violators(p, true).empty());
        CHECK(profile_by_name(p.name) == &p);
        for (const InsnInfo& i : kInsns)  // every profile has the whole base table
            if (i.profiles & base_profile().bit) CHECK((i.profiles & p.bit));
    }
    CHECK(kProfileCount >= 5);  // pg32 and the four flawed profiles of issue 15
    CHECK(profile_by_name("no-such-profile") == nullptr);
}

TEST_CASE("PG32_PRIVILEGED_INSTRUCTIONS lists exactly the privileged rows, in table order") {
    // The monitor's routine table is built from this list: it must agree
    // with the table's class column.
    std::vector<std::string> listed, privileged;
#define PG32_NAME(Name, mnemonic, where) listed.push_back(mnemonic);
    PG32_PRIVILEGED_INSTRUCTIONS(PG32_NAME)
#undef PG32_NAME
    for (const InsnInfo& i : kInsns)
        if (i.privileged) privileged.push_back(i.mnemonic);
    CHECK(listed == privileged);
    CHECK(!listed.empty());
}

TEST_CASE("the effects column agrees with the formats: memory widths, csr and port operands") {
    for (const InsnInfo& i : kInsns) {
        INFO(i.mnemonic);
        const FormatInfo& f = kFormats[static_cast<int>(i.format)];
        auto has = [&](OperandKind k) {
            for (int n = 0; n < f.operand_count; ++n)
                if (f.operands[n] == k) return true;
            return false;
        };
        CHECK(((i.effects & (kLoad | kStore)) != 0) == (i.access_size != 0));
        if (i.access_size) CHECK((i.access_size == 1 || i.access_size == 2 || i.access_size == 4));
        if (i.effects & (kCsrRead | kCsrWrite)) CHECK(has(OperandKind::Csr));
        if (i.effects & (kPortIn | kPortOut)) CHECK(has(OperandKind::Port));
        if (i.effects & kBranch) CHECK(has(OperandKind::Target16));
        // What traps for misalignment must access more than a byte, or jump.
        if (i.traps & (1u << static_cast<int>(Cause::Misaligned))) CHECK((i.access_size > 1 || (i.effects & kJump)));
    }
}

TEST_CASE("mnemonics and opcodes are unique and found by lookup") {
    std::set<std::string> names;
    for (int i = 0; i < kOpCount; ++i) {
        const InsnInfo& in = kInsns[i];
        CHECK(names.insert(in.mnemonic).second);
        CHECK(any_op_by_mnemonic(in.mnemonic) == static_cast<Op>(i));
        CHECK(pseudo_by_mnemonic(in.mnemonic) == nullptr);
        bool base = in.profiles & base_profile().bit;
        CHECK((op_by_mnemonic(in.mnemonic) == static_cast<Op>(i)) == base);  // the active profile is pg32
        CHECK((op_by_opcode(in.opcode) == static_cast<Op>(i)) == base);
    }
    for (const ProfileInfo& p : kProfiles) {  // opcodes are unique within a profile
        std::set<int> opcodes;
        for (int i = 0; i < kOpCount; ++i)
            if (in_profile(static_cast<Op>(i), p)) {
                CHECK(opcodes.insert(kInsns[i].opcode).second);
                CHECK(op_by_mnemonic(kInsns[i].mnemonic, p) == static_cast<Op>(i));
            }
    }
}

TEST_CASE("decode inverts encode for every instruction with edge-case operands") {
    for (int i = 0; i < kOpCount; ++i) {
        Op op = static_cast<Op>(i);
        const FormatInfo& f = format_info(op);
        OperandKind ik = imm_kind_of(op);
        std::vector<int32_t> imms = (f.imm.lo < 0) ? std::vector<int32_t>{0} : edge_values(ik);
        if (ik == OperandKind::Csr) imms = {0, kCsrCount - 1};
        for (int32_t imm : imms)
            for (uint8_t reg : {0, 1, 7, 15}) {
                Decoded d;
                d.op = op;
                d.rd = f.rd.lo >= 0 ? reg : 0;
                d.rs1 = f.rs1.lo >= 0 ? static_cast<uint8_t>(15 - reg) : 0;
                d.rs2 = f.rs2.lo >= 0 ? static_cast<uint8_t>(reg ^ 5) : 0;
                d.imm = imm;
                std::string why;
                auto word = encode(d, &why);
                INFO(info(op).mnemonic, " imm=", imm, " ", why);
                REQUIRE(word.has_value());
                CHECK((*word >> 24) == info(op).opcode);
                for (const ProfileInfo& p : kProfiles)  // decoded by its profiles, ILLEGAL in the others
                    if (in_profile(op, p)) CHECK(decode(*word, p) == d);
                    else if (decode(*word, p)) CHECK(decode(*word, p)->op != op);
            }
    }
}

TEST_CASE("encode inverts decode on random words") {
    std::mt19937 rng(12345);
    int decoded = 0;
    for (int n = 0; n < 200000; ++n) {
        uint32_t word = rng();
        if (n % 2) word &= ~format_info(static_cast<Op>(n % kOpCount)).reserved_mask;  // more hits
        auto d = decode(word);
        if (!d) continue;
        ++decoded;
        auto back = encode(*d);
        REQUIRE(back.has_value());
        CHECK(*back == word);
    }
    CHECK(decoded > 1000);
}

TEST_CASE("words that are no instruction do not decode") {
    CHECK_FALSE(decode(0x00000000u).has_value());  // zeroed memory is ILLEGAL
    CHECK_FALSE(decode(0xffffffffu).has_value());
    CHECK_FALSE(decode(0x01000001u).has_value());  // add with a reserved bit set
    CHECK_FALSE(decode(0x50000001u).has_value());  // sys with a reserved bit set
    CHECK_FALSE(decode(0x26000020u).has_value());  // slli with shamt 32
    CHECK_FALSE(decode(0x60300009u).has_value());  // csrr of csr 9: no such register
    for (int op = 0; op < 256; ++op)
        if (!op_by_opcode(static_cast<uint8_t>(op))) CHECK_FALSE(decode(static_cast<uint32_t>(op) << 24).has_value());
}

TEST_CASE("the encoder rejects operands that do not fit") {
    std::string why;
    CHECK_FALSE(encode({Op::Addi, 1, 2, 0, 32768}, &why).has_value());
    CHECK(why == "immediate out of range");
    CHECK_FALSE(encode({Op::Andi, 1, 2, 0, -1}, &why).has_value());
    CHECK_FALSE(encode({Op::Slli, 1, 2, 0, 32}, &why).has_value());
    CHECK_FALSE(encode({Op::Beq, 0, 1, 2, 6}, &why).has_value());
    CHECK(why == "target offset is not a multiple of 4");
    CHECK_FALSE(encode({Op::Add, 16, 0, 0, 0}, &why).has_value());
    CHECK_FALSE(encode({Op::Csrr, 1, 0, 0, 99}, &why).has_value());
    CHECK(why == "no such csr");
}

TEST_CASE("a word reads like its assembly") {
    CHECK(encode({Op::Add, 3, 4, 5, 0}) == 0x01345000u);
    CHECK(encode({Op::Addi, 3, 4, 0, -1}) == 0x2034ffffu);
    CHECK(encode({Op::Sw, 0, 2, 5, 8}) == 0x38520008u);    // sw r5, 8(r2)
    CHECK(encode({Op::Beq, 0, 1, 2, -4}) == 0x4012ffffu);  // beq r1, r2, .-4
    CHECK(encode({Op::Jal, 1, 0, 0, 8}) == 0x48100002u);   // jal ra, .+8
    CHECK(encode({Op::Csrw, 0, 8, 0, 6}) == 0x61800006u);  // csrw rbase, t0
}

TEST_CASE("register names follow the ABI table") {
    CHECK(register_by_name("zero") == 0);
    CHECK(register_by_name("ra") == 1);
    CHECK(register_by_name("sp") == 2);
    CHECK(register_by_name("a0") == 3);
    CHECK(register_by_name("fp") == 12);
    CHECK(register_by_name("s0") == 12);
    CHECK(register_by_name("r15") == 15);
    CHECK_FALSE(register_by_name("r16").has_value());
    CHECK_FALSE(register_by_name("r01").has_value());
    CHECK_FALSE(register_by_name("x1").has_value());
    CHECK(std::string(register_name(3)) == "a0");
}

TEST_CASE("trap causes have their fixed numbers") {
    CHECK(static_cast<int>(Cause::Syscall) == 1);
    CHECK(static_cast<int>(Cause::Breakpoint) == 2);
    CHECK(static_cast<int>(Cause::Illegal) == 3);
    CHECK(static_cast<int>(Cause::Privileged) == 4);
    CHECK(static_cast<int>(Cause::Bounds) == 5);
    CHECK(static_cast<int>(Cause::Misaligned) == 6);
    CHECK(static_cast<int>(Cause::Divide) == 7);
    CHECK(static_cast<int>(Cause::Timer) == 16);
    CHECK(static_cast<int>(Cause::Console) == 17);
    CHECK(cause_name(5) == "BOUNDS");
    CHECK(cause_name(99) == "cause 99");
}
