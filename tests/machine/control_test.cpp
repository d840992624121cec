// Branches, jal and jalr (instructions.tbl, "control transfer").
#include "conformance.hpp"

#include <vector>

using namespace conformance;

namespace {

struct BranchCase {
    const char* op;
    int32_t rs1;
    int32_t rs2;
    bool taken;
};

// Signed and unsigned comparisons disagree when one side is negative.
const std::vector<BranchCase> kBranches = {
    {"beq", 5, 5, true},
    {"beq", 5, 6, false},
    {"bne", 5, 6, true},
    {"bne", -1, -1, false},
    {"blt", -1, 1, true},
    {"blt", 1, -1, false},
    {"blt", 5, 5, false},
    {"blt", INT32_MIN, INT32_MAX, true},
    {"bge", 1, -1, true},
    {"bge", 5, 5, true},
    {"bge", -1, 1, false},
    {"bltu", 1, -1, true},
    {"bltu", -1, 1, false},
    {"bltu", 5, 5, false},
    {"bltu", INT32_MIN, INT32_MAX, false},
    {"bgeu", -1, 1, true},
    {"bgeu", 5, 5, true},
    {"bgeu", 1, -1, false},
};

// t0 = rs1, t1 = rs2, then the branch to `target`. a0 says where control
// went: 1 fell through, 2 reached `target`.
std::string branch_program(const BranchCase& c, bool backward) {
    std::string target = "target:\n li a0, 2\n halt\n";
    std::string program = "li t0, " + std::to_string(c.rs1) + "\nli t1, " + std::to_string(c.rs2) + "\n" + c.op +
                          " t0, t1, target\nli a0, 1\nhalt\n";
    return backward ? "j start\n" + target + "start:\n" + program : program + target;
}

}  // namespace

TEST_CASE("branches are taken or not in both directions with signed and unsigned compares") {
    for (const BranchCase& c : kBranches) {
        for (bool backward : {false, true}) {
            CAPTURE(c.op);
            CAPTURE(c.rs1);
            CAPTURE(c.rs2);
            CAPTURE(backward);
            Program p(branch_program(c, backward));
            p.run_to_halt();
            CHECK(p.reg("a0") == (c.taken ? 2u : 1u));
        }
    }
}

TEST_CASE("every branch instruction is covered by a taken and a not-taken case") {
    for (const pg32::InsnInfo& insn : pg32::kInsns) {
        if (insn.format != pg32::Format::B) continue;
        CAPTURE(insn.mnemonic);
        bool taken = false, not_taken = false;
        for (const BranchCase& c : kBranches)
            if (std::string(c.op) == insn.mnemonic) (c.taken ? taken : not_taken) = true;
        CHECK(taken);
        CHECK(not_taken);
    }
}

TEST_CASE("jal links the address after it and jumps forward or back") {
    Program p(R"(
        jal  ra, forward
    after_forward:
        halt
    back:
        mv   a1, s0             # the link of the backward jal
        halt
    forward:
        mv   a0, ra
        jal  s0, back
    after_back:
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == p.addr("after_forward"));
    CHECK(p.reg("a1") == p.addr("after_back"));
    CHECK(p.machine.stop().pc == p.addr("back") + 4);
}

TEST_CASE("jalr jumps to rs1 plus the offset and links the address after it") {
    Program p(R"(
        la   t0, base
        jalr ra, 8(t0)          # to base + 8
    after_first:
        halt
    base:
        halt
        halt
        mv   a0, ra             # base + 8
        la   t1, again + 4
        jalr s0, -4(t1)         # to again
    after_second:
        halt
    again:
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == p.addr("after_first"));
    CHECK(p.reg("s0") == p.addr("after_second"));
    CHECK(p.machine.stop().pc == p.addr("again"));
}

TEST_CASE("jalr with rd equal to rs1 jumps to the old value and then links") {
    Program p(R"(
        la   t0, target
    jump:
        jalr t0, 0(t0)
        halt
    target:
        halt
    )");
    p.run_to_halt();
    CHECK(p.machine.stop().pc == p.addr("target"));
    CHECK(p.reg("t0") == p.addr("jump") + 4);
}

TEST_CASE("jalr to an unaligned target traps with MISALIGNED at the jalr and leaves rd unchanged") {
    for (int offset : {1, 2, 3}) {
        CAPTURE(offset);
        Program p(R"(
            on_trap handler
            la   t0, target
            li   ra, 0x1234
        jump:
            jalr ra, )" +
                  std::to_string(offset) + R"((t0)
            halt
        target:
            halt
        handler:
            halt
        )");
        p.run_to_handler();
        uint32_t target = p.addr("target") + static_cast<uint32_t>(offset);
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Misaligned), p.addr("jump"), pg32::PSW_SYSTEM, target});
        CHECK(p.reg("ra") == 0x1234);
    }
}

TEST_CASE("jalr checks the sum of rs1 and the offset not each part") {
    Program p(R"(
        la   t0, target
        addi t0, t0, -2         # unaligned by itself ...
        jalr ra, 2(t0)          # ... but t0 + 2 is target
        halt
    target:
        halt
    )");
    p.run_to_halt();
    CHECK(p.machine.stop().pc == p.addr("target"));
}
