// Decoder, encoder and lookups, all driven by the generated tables.
#include "isa-spec/isa.hpp"

#include <array>

namespace pg32 {
namespace {

const ProfileInfo* g_active = &kProfiles[0];

constexpr uint32_t field_mask(FieldPos f) { return f.width >= 32 ? ~0u : (1u << f.width) - 1; }

constexpr uint32_t extract(uint32_t word, FieldPos f) { return (word >> f.lo) & field_mask(f); }

constexpr int32_t sign_extend(uint32_t value, int width) {
    uint32_t sign = 1u << (width - 1);
    return static_cast<int32_t>((value ^ sign) - sign);
}

constexpr bool is_target(const FormatInfo& f) {
    for (int i = 0; i < f.operand_count; ++i)
        if (f.operands[i] == OperandKind::Target16 || f.operands[i] == OperandKind::Target20) return true;
    return false;
}

constexpr bool has_csr_operand(const FormatInfo& f) {
    for (int i = 0; i < f.operand_count; ++i)
        if (f.operands[i] == OperandKind::Csr) return true;
    return false;
}

// The operand kind the imm field carries in this format.
OperandKind imm_kind(const FormatInfo& f) {
    for (int i = 0; i < f.operand_count; ++i) {
        OperandKind k = f.operands[i];
        if (k != OperandKind::Rd && k != OperandKind::Rs1 && k != OperandKind::Rs2) return k;
    }
    return OperandKind::Uimm16;
}

// Everything decode() needs for one opcode byte, worked out at compile time
// from the tables, so decoding is a lookup and a few shifts (the monitor
// decodes the word of every privileged instruction it emulates).
struct DecodePlan {
    int16_t op = -1;  // -1: no instruction has this opcode
    uint32_t reserved = 0;
    FieldPos rd{-1, 0}, rs1{-1, 0}, rs2{-1, 0}, imm{-1, 0};
    bool imm_signed = false;
    int32_t imm_scale = 1;  // 4 for branch and jump targets
    bool csr = false;       // the imm field must name a csr
};

// The plans of one profile: its instructions only (isa-gen keeps their
// encodings apart; other profiles may give an opcode another instruction).
using Plans = std::array<DecodePlan, 256>;
constexpr Plans make_plans(uint32_t profile_bit) {
    Plans plans{};
    for (int i = 0; i < kOpCount; ++i) {
        if (!(kInsns[i].profiles & profile_bit)) continue;
        const FormatInfo& f = kFormats[static_cast<int>(kInsns[i].format)];
        plans[kInsns[i].opcode] =
            DecodePlan{static_cast<int16_t>(i), f.reserved_mask,   f.rd, f.rs1, f.rs2, f.imm, f.imm_signed,
                       is_target(f) ? 4 : 1,    has_csr_operand(f)};
    }
    return plans;
}
constexpr std::array<Plans, kProfileCount> make_all_plans() {
    std::array<Plans, kProfileCount> all{};
    for (int p = 0; p < kProfileCount; ++p) all[p] = make_plans(kProfiles[p].bit);
    return all;
}
constexpr std::array<Plans, kProfileCount> kPlans = make_all_plans();

constexpr uint32_t csr_limit() {
    uint32_t limit = 0;
    for (const CsrInfo& c : kCsrs)
        limit = static_cast<uint32_t>(c.value) + 1 > limit ? static_cast<uint32_t>(c.value) + 1 : limit;
    return limit;
}

constexpr std::array<bool, csr_limit()> make_csr_valid() {
    std::array<bool, csr_limit()> valid{};
    for (const CsrInfo& c : kCsrs) valid[static_cast<uint32_t>(c.value)] = true;
    return valid;
}
constexpr std::array<bool, csr_limit()> kCsrValid = make_csr_valid();

bool is_csr(uint32_t number) { return number < kCsrValid.size() && kCsrValid[number]; }

bool fail(std::string* why, const std::string& text) {
    if (why) *why = text;
    return false;
}

bool put_register(uint32_t& word, FieldPos f, uint8_t reg, const char* role, std::string* why) {
    if (f.lo < 0) return reg == 0 || fail(why, std::string(role) + " is not an operand of this instruction");
    if (reg >= kRegisterCount) return fail(why, std::string(role) + " must be r0..r15");
    word |= static_cast<uint32_t>(reg) << f.lo;
    return true;
}

bool put_imm(uint32_t& word, const FormatInfo& f, int32_t imm, std::string* why) {
    if (f.imm.lo < 0) return imm == 0 || fail(why, "this instruction takes no immediate");
    Range r = operand_range(imm_kind(f));
    if (imm < r.min || imm > r.max) return fail(why, "immediate out of range");
    if (imm % r.step != 0) return fail(why, "target offset is not a multiple of 4");
    uint32_t field = static_cast<uint32_t>(imm / r.step) & field_mask(f.imm);
    if (has_csr_operand(f) && !is_csr(field)) return fail(why, "no such csr");
    word |= field << f.imm.lo;
    return true;
}

}  // namespace

const ProfileInfo* profile_by_name(std::string_view name) {
    for (const ProfileInfo& p : kProfiles)
        if (name == p.name) return &p;
    return nullptr;
}

const ProfileInfo& active_profile() { return *g_active; }
void select_profile(const ProfileInfo& profile) { g_active = &profile; }

std::optional<Op> op_by_opcode(uint8_t opcode) {
    int16_t i = kPlans[profile_index(active_profile())][opcode].op;
    if (i < 0) return std::nullopt;
    return static_cast<Op>(i);
}

std::optional<Decoded> decode(uint32_t word, const ProfileInfo& profile) {
    const DecodePlan& p = kPlans[profile_index(profile)][word >> 24];
    if (p.op < 0 || (word & p.reserved)) return std::nullopt;
    Decoded d;
    d.op = static_cast<Op>(p.op);
    if (p.rd.lo >= 0) d.rd = static_cast<uint8_t>(extract(word, p.rd));
    if (p.rs1.lo >= 0) d.rs1 = static_cast<uint8_t>(extract(word, p.rs1));
    if (p.rs2.lo >= 0) d.rs2 = static_cast<uint8_t>(extract(word, p.rs2));
    if (p.imm.lo >= 0) {
        uint32_t raw = extract(word, p.imm);
        if (p.csr && !is_csr(raw)) return std::nullopt;
        d.imm = (p.imm_signed ? sign_extend(raw, p.imm.width) : static_cast<int32_t>(raw)) * p.imm_scale;
    }
    return d;
}

std::optional<uint32_t> encode(const Decoded& d, std::string* why) {
    if (static_cast<int>(d.op) >= kOpCount) {
        fail(why, "no such instruction");
        return std::nullopt;
    }
    const FormatInfo& f = format_info(d.op);
    uint32_t word = static_cast<uint32_t>(info(d.op).opcode) << 24;
    bool ok = put_register(word, f.rd, d.rd, "rd", why) && put_register(word, f.rs1, d.rs1, "rs1", why) &&
              put_register(word, f.rs2, d.rs2, "rs2", why) && put_imm(word, f, d.imm, why);
    if (!ok) return std::nullopt;
    return word;
}

Range operand_range(OperandKind kind) {
    switch (kind) {
    case OperandKind::Simm16:
    case OperandKind::Mem: return {-32768, 32767, 1};
    case OperandKind::Uimm16:
    case OperandKind::Port:
    case OperandKind::Csr: return {0, 65535, 1};
    case OperandKind::Shamt: return {0, 31, 1};
    case OperandKind::Target16: return {-32768 * 4, 32767 * 4, 4};
    case OperandKind::Target20: return {-(1 << 19) * 4, ((1 << 19) - 1) * 4, 4};
    case OperandKind::Imm32: return {-2147483648LL, 4294967295LL, 1};
    default: return {0, 15, 1};
    }
}

std::optional<Op> any_op_by_mnemonic(std::string_view mnemonic) {
    for (int i = 0; i < kOpCount; ++i)
        if (mnemonic == kInsns[i].mnemonic) return static_cast<Op>(i);
    return std::nullopt;
}

std::optional<Op> op_by_mnemonic(std::string_view mnemonic, const ProfileInfo& profile) {
    std::optional<Op> op = any_op_by_mnemonic(mnemonic);
    if (op && !in_profile(*op, profile)) return std::nullopt;
    return op;
}

std::optional<Op> op_by_mnemonic(std::string_view mnemonic) { return op_by_mnemonic(mnemonic, active_profile()); }

const PseudoInfo* pseudo_by_mnemonic(std::string_view mnemonic) {
    for (const PseudoInfo& p : kPseudos)
        if (mnemonic == p.mnemonic) return &p;
    return nullptr;
}

const CsrInfo* csr_by_name(std::string_view name) {
    for (const CsrInfo& c : kCsrs)
        if (name == c.name) return &c;
    return nullptr;
}

const CsrInfo* csr_by_number(uint32_t number) {
    if (!is_csr(number)) return nullptr;
    for (const CsrInfo& c : kCsrs)
        if (static_cast<uint32_t>(c.value) == number) return &c;
    return nullptr;
}

const CauseInfo* cause_by_code(uint32_t code) {
    for (const CauseInfo& c : kCauses)
        if (static_cast<uint32_t>(c.value) == code) return &c;
    return nullptr;
}

const CauseInfo* cause_by_name(std::string_view name) {
    for (const CauseInfo& c : kCauses)
        if (name == c.name) return &c;
    return nullptr;
}

const PortInfo* port_by_number(uint32_t number) {
    for (const PortInfo& p : kPorts)
        if (static_cast<uint32_t>(p.value) == number) return &p;
    return nullptr;
}

const SyscallInfo* syscall_by_number(uint32_t number) {
    for (const SyscallInfo& s : kSyscalls)
        if (static_cast<uint32_t>(s.value) == number) return &s;
    return nullptr;
}

const HypercallInfo* hypercall_by_number(uint32_t number) {
    for (const HypercallInfo& h : kHypercalls)
        if (static_cast<uint32_t>(h.value) == number) return &h;
    return nullptr;
}

std::optional<int> register_by_name(std::string_view name) {
    bool numeric = name.size() >= 2 && name.size() <= 3 && name[0] == 'r' &&
                   name.find_first_not_of("0123456789", 1) == std::string_view::npos;
    if (numeric) {
        int n = name[1] - '0';
        if (name.size() == 3) n = n * 10 + (name[2] - '0');
        if (name.size() == 3 && name[1] == '0') return std::nullopt;  // "r07"
        if (n < kRegisterCount) return n;
        return std::nullopt;
    }
    for (const RegisterInfo& r : kRegisters)
        for (const char* n : r.names)
            if (n && name == n) return r.number;
    return std::nullopt;
}

const char* register_name(int number) {
    if (number < 0 || number >= kRegisterCount) return "?";
    return kRegisters[number].names[0];
}

std::string cause_name(uint32_t code) {
    const CauseInfo* c = cause_by_code(code);
    return c ? c->name : "cause " + std::to_string(code);
}

}  // namespace pg32
