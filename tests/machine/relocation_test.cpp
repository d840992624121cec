// The relocation-bounds register R = (rbase, rbound) in user mode
// (pg32-reference.md §4). The edge of rbound for each access width is in
// memory_test.cpp; here: translation itself and R at the edges of memory.
#include "conformance.hpp"

#include <fstream>
#include <iterator>

using namespace conformance;

TEST_CASE("in user mode address a reaches physical rbase plus a") {
    Program p(R"(
    .equ USER, 0x2000
        on_trap handler
        enter_user USER, 0x1000, 0
    handler:
        halt
    .org 0x80
        .word 0xbad0bad0        # physical 0x80: what a = 0x80 would read without R
    .org USER
        lw   a0, 0x80(zero)     # user 0x80 = physical USER + 0x80
        li   t0, 0x600d
        sw   t0, 0x84(zero)
        sys
    .org USER + 0x80
    mine:
        .word 0x12345678
    )");
    p.run_to_handler();
    CHECK(p.csr("cause") == code(pg32::Cause::Syscall));
    CHECK(p.reg("a0") == 0x12345678);
    CHECK(p.word(p.addr("mine") + 4) == 0x600d);
    CHECK(p.word(0x84) == 0);  // physical 0x84 is untouched
}

TEST_CASE("system mode ignores R") {
    Program p(R"(
        li   t0, 0x2000
        csrw rbase, t0
        csrw rbound, zero       # would allow nothing in user mode
        la   t0, value
        lw   a0, 0(t0)
        halt
    value:
        .word 0x5a5a5a5a
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x5a5a5a5a);
}

TEST_CASE("rbound 0 makes every user access trap even the first fetch") {
    Program p(R"(
    .equ USER, 0x1000
        on_trap handler
        enter_user USER, 0, PSW_IE
    handler:
        halt
    .org USER
        li   a0, 1              # never fetched
    )");
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), 0, pg32::PSW_IE, 0});
    CHECK(p.reg("a0") == 0);
}

TEST_CASE("R ending exactly at the top of memory allows its last word") {
    Program p(R"(
    .equ USER, MEM_SIZE - 0x1000
        on_trap handler
        enter_user USER, 0x1000, 0
    handler:
        halt
    .org USER
        lw   a0, 0xffc(zero)
        li   t0, 0x77
        sw   t0, 0xffc(zero)
    access:
        lw   a1, 0x1000(zero)   # the first address past R and past memory
    .org MEM_SIZE - 4
        .word 0xcafef00d
    )");
    p.run_to_handler();
    CHECK(p.reg("a0") == 0xcafef00d);
    CHECK(p.word(p.machine.memory_size() - 4) == 0x77);
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), p.addr("access") - p.addr("USER"), 0, 0x1000});
}

TEST_CASE("R reaching past the end of memory traps where memory ends") {
    Program p(R"(
    .equ USER, MEM_SIZE - 0x100
        on_trap handler
        enter_user USER, 0x10000, 0     # rbound says 64 KiB; memory has 256 bytes left
    handler:
        halt
    .org USER
        lw   a0, 0xfc(zero)     # the last word of memory: allowed
    access:
        lw   a1, 0x100(zero)    # inside rbound but outside memory
    .org MEM_SIZE - 4
        .word 0xcafef00d
    )");
    p.run_to_handler();
    CHECK(p.reg("a0") == 0xcafef00d);
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), p.addr("access") - p.addr("USER"), 0, 0x100});
}

TEST_CASE("rbase plus an address past 2 to the 32 traps with BOUNDS instead of wrapping") {
    // rbase + a = 0x1000 + 0xfffff000 = 2^32, which would wrap to physical 0.
    Program p(R"(
    .equ USER, 0x1000
        on_trap handler
        enter_user USER, 0xffffffff, 0
    handler:
        halt
    .org USER
        li   t0, 0xfffff000
    access:
        lw   a0, 0(t0)
    )");
    p.run_to_handler();
    CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), p.addr("access") - 0x1000, 0, 0xfffff000});
}

TEST_CASE("rbase at or beyond the end of memory makes every user access trap") {
    for (const char* base : {"MEM_SIZE", "MEM_SIZE + 0x1000", "0xfffffff0"}) {
        CAPTURE(base);
        Program p(std::string(R"(
            on_trap handler
            enter_user )") +
                  base + R"(, 0x1000, 0
        handler:
            halt
        )");
        p.run_to_handler();
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Bounds), 0, 0, 0});
    }
}

TEST_CASE("rbase keeps bits 1:0 at zero, so user address a is a word-aligned rbase plus a") {
    // An rbase of USER + 3 reads back as USER, and user address 0x80 is
    // physical USER + 0x80: every user word is a physical word.
    Program p(R"(
    .equ USER, 0x2000
        on_trap handler
        li   t0, USER + 3
        csrw rbase, t0
        csrr s0, rbase
        enter_user USER + 2, 0x1000, 0
    handler:
        halt
    .org USER
        lw   a0, 0x80(zero)
        sys
    .org USER + 0x80
    mine:
        .word 0x12345678
    )");
    p.run_to_handler();
    CHECK(p.reg("s0") == 0x2000);
    CHECK(p.csr("rbase") == 0x2000);
    CHECK(p.csr("cause") == code(pg32::Cause::Syscall));
    CHECK(p.reg("a0") == 0x12345678);
}

TEST_CASE("self-modifying code: a store of every width at every alignment changes the instruction that runs") {
    // tests/vmm/programs/smc_kernel.s patches a slot it has just run, with sb
    // at offsets 0..3, sh at 0 and 2 and sw, in system mode and then in user
    // mode behind rbase = USER + 3. Each result is the patched instruction's.
    std::ifstream in(std::string(TRAPVM_SOURCE_DIR) + "/tests/vmm/programs/smc_kernel.s");
    std::string source((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    REQUIRE(!source.empty());
    Program p(source);
    p.run_to_halt();
    const uint32_t expected[] = {1, 5, 0x105, 0x115, 0x1105, 0x1042, 0x42, 0x99};
    for (uint32_t i = 0; i < 8; ++i) {
        CAPTURE(i);
        CHECK(p.word(p.addr("kresults") + 4 * i) == expected[i]);
        CHECK(p.word(p.addr("uresults") + 4 * i) == expected[i]);
    }
    CHECK(p.word(p.addr("kresults") + 32) == p.addr("USER"));
}
