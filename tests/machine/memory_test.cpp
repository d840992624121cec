// Loads and stores of every width: extension, byte order, the end of
// memory, the edge of rbound, alignment (pg32-reference.md §1 and §4).
#include "conformance.hpp"

#include <vector>

using namespace conformance;

namespace {

// A snippet whose instruction at label `access` is `insn`, run in system
// mode with t0 = MEM_SIZE and a0 = 0x1234. The handler halts.
std::string at_memory_end(const std::string& insn) {
    return R"(
        on_trap handler
        li  t0, MEM_SIZE
        li  a0, 0x1234
    access:
        )" +
           insn + R"(
        halt
    handler:
        halt
    )";
}

// A user program with R = (USER, bound): t0 = bound, a0 = 0x1234, and the
// instruction at label `access` is `insn`. The word-aligned word that holds
// user address BOUND - 1 is 0x80817f01 (bytes 01 7f 81 80), at label `last`;
// the handler halts.
std::string in_user_mode(uint32_t bound, const std::string& insn) {
    return ".equ BOUND, " + std::to_string(bound) + R"(
    .equ USER, 0x1000
        on_trap handler
        enter_user USER, BOUND, 0
    handler:
        halt
    .org USER
        li  t0, BOUND
        li  a0, 0x1234
    access:
        )" +
           insn + R"(
        halt
    .org USER + ((BOUND - 1) & ~3)
    last:
        .word 0x80817f01
    )";
}

}  // namespace

TEST_CASE("loads sign-extend or zero-extend each width") {
    Program p(R"(
        la   t0, value
        lw   a0, 0(t0)
        lh   a1, 0(t0)
        lh   a2, 2(t0)
        lhu  a3, 2(t0)
        lb   a4, 0(t0)
        lbu  s0, 0(t0)
        lb   s1, 1(t0)
        lbu  s2, 3(t0)
        halt
        .align 4
    value:
        .byte 0x81, 0x7f, 0xfe, 0x80    # the word 0x80fe7f81, little-endian
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x80fe7f81);
    CHECK(p.reg("a1") == 0x00007f81);
    CHECK(p.reg("a2") == 0xffff80fe);
    CHECK(p.reg("a3") == 0x000080fe);
    CHECK(p.reg("a4") == 0xffffff81);
    CHECK(p.reg("s0") == 0x00000081);
    CHECK(p.reg("s1") == 0x0000007f);
    CHECK(p.reg("s2") == 0x00000080);
}

TEST_CASE("stores write only the bytes of their width little-endian") {
    Program p(R"(
        la  t0, buffer
        li  t1, 0x12345678
        sb  t1, 1(t0)
        sh  t1, 2(t0)
        sw  t1, 4(t0)
        halt
        .align 4
    buffer:
        .word 0xaaaaaaaa, 0xaaaaaaaa, 0xaaaaaaaa
    )");
    p.run_to_halt();
    uint32_t buffer = p.addr("buffer");
    CHECK(p.word(buffer) == 0x567878aa);  // bytes aa 78 78 56
    CHECK(p.word(buffer + 4) == 0x12345678);
    CHECK(p.word(buffer + 8) == 0xaaaaaaaa);
}

TEST_CASE("the last word halfword and byte of memory can be stored and loaded") {
    Program p(R"(
        li  t0, MEM_SIZE
        li  t1, 0x11223344
        sw  t1, -4(t0)
        lw  a0, -4(t0)
        li  t1, 0x5566
        sh  t1, -2(t0)
        lhu a1, -2(t0)
        li  t1, 0x77
        sb  t1, -1(t0)
        lbu a2, -1(t0)
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x11223344);
    CHECK(p.reg("a1") == 0x5566);
    CHECK(p.reg("a2") == 0x77);
    CHECK(p.word(p.machine.memory_size() - 4) == 0x77663344);
}

TEST_CASE("an access one byte past the end of memory traps with BOUNDS") {
    for (const char* insn : {"lb a0, 0(t0)", "lbu a0, 0(t0)", "lh a0, 0(t0)", "lhu a0, 0(t0)", "lw a0, 0(t0)",
                             "sb a0, 0(t0)", "sh a0, 0(t0)", "sw a0, 0(t0)"}) {
        CAPTURE(insn);
        Program p(at_memory_end(insn));
        p.run_to_handler();
        CHECK(p.trap() ==
              TrapRecord{code(pg32::Cause::Bounds), p.addr("access"), pg32::PSW_SYSTEM, p.machine.memory_size()});
        CHECK(p.reg("a0") == 0x1234);
    }
}

TEST_CASE("an address near 2 to the 32 does not wrap around to the start of memory") {
    Program p(R"(
        on_trap handler
        li  t0, 0xfffffffc
    access:
        lw  a0, 0(t0)           # bytes 0xfffffffc..0xffffffff
        halt
    handler:
        halt
    )");
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), p.addr("access"), pg32::PSW_SYSTEM, 0xfffffffc});
}

TEST_CASE("misaligned halfword and word accesses trap with MISALIGNED and change nothing") {
    struct Case {
        const char* insn;
        uint32_t offset;  // from the word-aligned buffer
    };
    for (Case c : {Case{"lh a0, 1(t0)", 1}, Case{"lhu a0, 3(t0)", 3}, Case{"lw a0, 1(t0)", 1}, Case{"lw a0, 2(t0)", 2},
                   Case{"lw a0, 3(t0)", 3}, Case{"sh a0, 1(t0)", 1}, Case{"sw a0, 2(t0)", 2}}) {
        CAPTURE(c.insn);
        Program p(std::string(R"(
            on_trap handler
            la  t0, buffer
            li  a0, 0x1234
        access:
            )") + c.insn +
                  R"(
            halt
        handler:
            halt
            .align 4
        buffer:
            .word 0xaaaaaaaa, 0xaaaaaaaa
        )");
        p.run_to_handler();
        uint32_t buffer = p.addr("buffer");
        CHECK(p.trap() ==
              TrapRecord{code(pg32::Cause::Misaligned), p.addr("access"), pg32::PSW_SYSTEM, buffer + c.offset});
        CHECK(p.reg("a0") == 0x1234);
        CHECK(p.word(buffer) == 0xaaaaaaaa);
        CHECK(p.word(buffer + 4) == 0xaaaaaaaa);
    }
}

TEST_CASE("alignment is checked before bounds") {
    // Each address is both misaligned and past the end of memory.
    struct Case {
        const char* insn;
        uint32_t past_end;  // the address is MEM_SIZE + past_end
    };
    for (Case c :
         {Case{"lw a0, 2(t0)", 2}, Case{"lh a0, 1(t0)", 1}, Case{"sw a0, 1(t0)", 1}, Case{"sh a0, 3(t0)", 3}}) {
        CAPTURE(c.insn);
        Program p(at_memory_end(c.insn));
        p.run_to_handler();
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Misaligned), p.addr("access"), pg32::PSW_SYSTEM,
                                     p.machine.memory_size() + c.past_end});
    }
}

TEST_CASE("in user mode the last word halfword and byte below rbound can be reached") {
    Program p(in_user_mode(0x100, R"(
        lw  a0, -4(t0)
        lh  a1, -2(t0)
        lb  a2, -1(t0)
        lbu a3, -1(t0)
        li  t1, 0x55
        sb  t1, -4(t0)
        sw  zero, -8(t0)
        sys                     # done: back to the handler)"));
    p.run_to_handler();
    CHECK(p.csr("cause") == code(pg32::Cause::Syscall));
    CHECK(p.reg("a0") == 0x80817f01);
    CHECK(p.reg("a1") == 0xffff8081);
    CHECK(p.reg("a2") == 0xffffff80);
    CHECK(p.reg("a3") == 0x80);
    CHECK(p.word(p.addr("last")) == 0x80817f55);
}

TEST_CASE("in user mode an access at rbound traps with BOUNDS and the user address") {
    struct Case {
        const char* insn;
        uint32_t address;  // as the user program sees it
    };
    for (Case c : {Case{"lb a0, 0(t0)", 0x100}, Case{"lhu a0, 0(t0)", 0x100}, Case{"lw a0, 0(t0)", 0x100},
                   Case{"sb a0, 0(t0)", 0x100}, Case{"sh a0, 0(t0)", 0x100}, Case{"sw a0, 0(t0)", 0x100},
                   Case{"lw a0, 4(t0)", 0x104}}) {
        CAPTURE(c.insn);
        Program p(in_user_mode(0x100, c.insn));
        p.run_to_handler();
        uint32_t user_access = p.addr("access") - 0x1000;
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), user_access, 0, c.address});
        CHECK(p.reg("a0") == 0x1234);
        CHECK(p.word(p.addr("last") + 4) == 0);  // the physical word just past R is untouched
    }
}

TEST_CASE("in user mode an access that straddles rbound traps with BOUNDS") {
    // rbound = 0xfe: bytes 0xfc and 0xfd are inside R, 0xfe and 0xff are not.
    Program inside(in_user_mode(0xfe, "lhu a0, -2(t0)\nlb a1, -1(t0)\nsys"));
    inside.run_to_handler();
    CHECK(inside.csr("cause") == code(pg32::Cause::Syscall));
    CHECK(inside.reg("a0") == 0x7f01);
    CHECK(inside.reg("a1") == 0x7f);

    Program word(in_user_mode(0xfe, "lw a0, -2(t0)"));
    word.run_to_handler();
    CHECK(word.trap() == TrapRecord{code(pg32::Cause::Bounds), word.addr("access") - 0x1000, 0, 0xfc});
    CHECK(word.reg("a0") == 0x1234);
}
