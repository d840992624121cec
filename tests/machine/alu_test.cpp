// Arithmetic, logic, shifts, multiply and divide on their edge cases
// (instructions.tbl, pg32-reference.md §1).
#include "conformance.hpp"

using namespace conformance;

TEST_CASE("addi sign-extends its 16-bit immediate") {
    Program p(R"(
        li   t0, 5
        addi a0, t0, -1
        addi a1, zero, -32768
        addi a2, zero, 32767
        li   t1, 0xffffffff
        addi a3, t1, 1
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 4);
    CHECK(p.reg("a1") == 0xffff8000);
    CHECK(p.reg("a2") == 0x00007fff);
    CHECK(p.reg("a3") == 0);  // wraps around
}

TEST_CASE("slti and sltiu sign-extend the immediate then compare signed and unsigned") {
    Program p(R"(
        li    t0, -5
        slti  a0, zero, -1     # 0 < -1 signed: no
        slti  a1, t0, -1       # -5 < -1 signed: yes
        sltiu a2, zero, -1     # 0 < 0xffffffff unsigned: yes
        li    t1, 0xfffffffe
        sltiu a3, t1, -1       # 0xfffffffe < 0xffffffff: yes
        li    t1, 0xffffffff
        sltiu a4, t1, -1       # equal: no
        sltiu s0, zero, 1      # the "is zero" idiom
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0);
    CHECK(p.reg("a1") == 1);
    CHECK(p.reg("a2") == 1);
    CHECK(p.reg("a3") == 1);
    CHECK(p.reg("a4") == 0);
    CHECK(p.reg("s0") == 1);
}

TEST_CASE("andi ori and xori zero-extend the immediate") {
    Program p(R"(
        li   t0, 0xffffffff
        andi a0, t0, 0xffff
        ori  a1, zero, 0x8000
        xori a2, t0, 0x8000
        li   t1, 0x12345678
        andi a3, t1, 0
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x0000ffff);
    CHECK(p.reg("a1") == 0x00008000);
    CHECK(p.reg("a2") == 0xffff7fff);
    CHECK(p.reg("a3") == 0);
}

TEST_CASE("lui sets the upper half and clears the lower half") {
    Program p(R"(
        li  a0, -1
        lui a0, 0x8001
        lui a1, 0xffff
        lui a2, 0
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x80010000);
    CHECK(p.reg("a1") == 0xffff0000);
    CHECK(p.reg("a2") == 0);
}

TEST_CASE("add sub and or xor wrap modulo 2 to the 32") {
    Program p(R"(
        li  t0, 0xffffffff
        li  t1, 1
        add a0, t0, t1          # 0xffffffff + 1 = 0
        sub a1, zero, t1        # 0 - 1 = 0xffffffff
        li  t2, 0x80000000
        add a2, t2, t2          # 2^31 + 2^31 = 0
        li  t0, 0xff00ff00
        li  t1, 0x0ff00ff0
        and a3, t0, t1
        or  a4, t0, t1
        xor s0, t0, t1
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0);
    CHECK(p.reg("a1") == 0xffffffff);
    CHECK(p.reg("a2") == 0);
    CHECK(p.reg("a3") == 0x0f000f00);
    CHECK(p.reg("a4") == 0xfff0fff0);
    CHECK(p.reg("s0") == 0xf0f0f0f0);
}

TEST_CASE("shift immediates by 0 and by 31") {
    Program p(R"(
        li   t0, 0x80000001
        slli a0, t0, 0
        srli a1, t0, 0
        srai a2, t0, 0
        slli a3, t0, 31
        srli a4, t0, 31
        srai s0, t0, 31         # fills with the sign bit (1)
        li   t1, 0x40000000
        srai s1, t1, 31         # fills with the sign bit (0)
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x80000001);
    CHECK(p.reg("a1") == 0x80000001);
    CHECK(p.reg("a2") == 0x80000001);
    CHECK(p.reg("a3") == 0x80000000);
    CHECK(p.reg("a4") == 1);
    CHECK(p.reg("s0") == 0xffffffff);
    CHECK(p.reg("s1") == 0);
}

TEST_CASE("register shifts use only the low 5 bits of rs2") {
    Program p(R"(
        li  t0, 0x80000001
        li  t1, 33              # shifts by 1
        sll a0, t0, t1
        srl a1, t0, t1
        sra a2, t0, t1
        li  t1, 32              # shifts by 0
        sll a3, t0, t1
        srl a4, t0, t1
        li  t1, -1              # shifts by 31
        srl s0, t0, t1
        sra s1, t0, t1
        sll s2, t0, t1
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x00000002);
    CHECK(p.reg("a1") == 0x40000000);
    CHECK(p.reg("a2") == 0xc0000000);
    CHECK(p.reg("a3") == 0x80000001);
    CHECK(p.reg("a4") == 0x80000001);
    CHECK(p.reg("s0") == 1);
    CHECK(p.reg("s1") == 0xffffffff);
    CHECK(p.reg("s2") == 0x80000000);
}

TEST_CASE("slt and sltu disagree on negative numbers") {
    Program p(R"(
        li   t0, -1
        li   t1, 1
        slt  a0, t0, t1         # -1 < 1 signed: yes
        sltu a1, t0, t1         # 0xffffffff < 1 unsigned: no
        slt  a2, t1, t0
        sltu a3, t1, t0
        slt  a4, t0, t0         # equal: no
        sltu s0, t0, t0
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 1);
    CHECK(p.reg("a1") == 0);
    CHECK(p.reg("a2") == 0);
    CHECK(p.reg("a3") == 1);
    CHECK(p.reg("a4") == 0);
    CHECK(p.reg("s0") == 0);
}

TEST_CASE("mul keeps the low 32 bits of the product") {
    Program p(R"(
        li  t0, 0x10000
        mul a0, t0, t0          # 2^32: nothing left in the low bits
        li  t0, 0x12345678
        li  t1, 0x10
        mul a1, t0, t1
        li  t0, -3
        li  t1, 7
        mul a2, t0, t1          # -21
        li  t0, 0xffffffff
        mul a3, t0, t0          # (-1) * (-1) = 1
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0);
    CHECK(p.reg("a1") == 0x23456780);
    CHECK(p.reg("a2") == 0xffffffeb);
    CHECK(p.reg("a3") == 1);
}

TEST_CASE("mulh and mulhu give the high 32 bits at the extremes") {
    Program p(R"(
        li    t0, 0x80000000
        mulh  a0, t0, t0        # (-2^31)^2 = 2^62
        mulhu a1, t0, t0        # (2^31)^2  = 2^62
        li    t1, 0xffffffff
        mulh  a2, t1, t1        # (-1) * (-1) = 1
        mulhu a3, t1, t1        # (2^32 - 1)^2 = 0xfffffffe_00000001
        li    t2, 0x7fffffff
        mulh  a4, t0, t2        # -2^31 * (2^31 - 1) = 0xc0000000_80000000
        mulhu s0, t0, t2        #  2^31 * (2^31 - 1) = 0x3fffffff_80000000
        li    t2, 1
        mulh  s1, t1, t2        # -1 * 1 = -1: high word all ones
        mulhu s2, t1, t2        # 0xffffffff * 1: high word 0
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 0x40000000);
    CHECK(p.reg("a1") == 0x40000000);
    CHECK(p.reg("a2") == 0);
    CHECK(p.reg("a3") == 0xfffffffe);
    CHECK(p.reg("a4") == 0xc0000000);
    CHECK(p.reg("s0") == 0x3fffffff);
    CHECK(p.reg("s1") == 0xffffffff);
    CHECK(p.reg("s2") == 0);
}

TEST_CASE("div rounds toward zero and divu is unsigned") {
    Program p(R"(
        li   t0, 7
        li   t1, 2
        li   t2, -7
        li   t3, -2
        div  a0, t0, t1         #  7 /  2 =  3
        div  a1, t2, t1         # -7 /  2 = -3
        div  a2, t0, t3         #  7 / -2 = -3
        div  a3, t2, t3         # -7 / -2 =  3
        li   t0, 0xfffffffe
        divu a4, t0, t1         # 0xfffffffe / 2 (signed it would be -2 / 2)
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 3);
    CHECK(p.reg("a1") == static_cast<uint32_t>(-3));
    CHECK(p.reg("a2") == static_cast<uint32_t>(-3));
    CHECK(p.reg("a3") == 3);
    CHECK(p.reg("a4") == 0x7fffffff);
}

TEST_CASE("rem takes the sign of the dividend and remu is unsigned") {
    Program p(R"(
        li   t0, 7
        li   t1, 2
        li   t2, -7
        li   t3, -2
        rem  a0, t0, t1         #  7 %  2 =  1
        rem  a1, t2, t1         # -7 %  2 = -1
        rem  a2, t0, t3         #  7 % -2 =  1
        rem  a3, t2, t3         # -7 % -2 = -1
        li   t0, 0xffffffff
        li   t1, 10
        remu a4, t0, t1         # 4294967295 % 10 = 5
        halt
    )");
    p.run_to_halt();
    CHECK(p.reg("a0") == 1);
    CHECK(p.reg("a1") == 0xffffffff);
    CHECK(p.reg("a2") == 1);
    CHECK(p.reg("a3") == 0xffffffff);
    CHECK(p.reg("a4") == 5);
}

TEST_CASE("minus 2 to the 31 divided by minus 1 gives minus 2 to the 31 remainder 0 and no trap") {
    Program p(R"(
        on_trap handler
        li   t0, 0x80000000
        li   t1, -1
        div  a0, t0, t1
        rem  a1, t0, t1
        divu a2, t0, t1         # unsigned: 2^31 / (2^32 - 1) = 0
        remu a3, t0, t1
        halt
    handler:
        halt
    )");
    p.run_to_halt();
    CHECK(p.machine.stop().pc != p.addr("handler"));
    CHECK(p.reg("a0") == 0x80000000);
    CHECK(p.reg("a1") == 0);
    CHECK(p.reg("a2") == 0);
    CHECK(p.reg("a3") == 0x80000000);
}

TEST_CASE("division by zero traps with DIVIDE and leaves rd unchanged") {
    for (const char* op : {"div", "divu", "rem", "remu"}) {
        CAPTURE(op);
        Program p(std::string(R"(
            on_trap handler
            li   a0, 0x1234
            li   t0, 9
        divide:
            )") + op +
                  R"( a0, t0, zero
            li   a0, 0x5678          # not reached
            halt
        handler:
            halt
        )");
        p.run_to_handler();
        CHECK(p.trap() == TrapRecord{code(pg32::Cause::Divide), p.addr("divide"), pg32::PSW_SYSTEM, 0});
        CHECK(p.reg("a0") == 0x1234);
    }
}

TEST_CASE("r0 reads as zero whatever is written to it") {
    Program p(R"(
        addi zero, zero, 5
        lui  zero, 0x1234
        add  a0, zero, zero
        la   t0, value
        lw   zero, 0(t0)
        mv   a1, zero
        jal  zero, next          # a jump that would link into r0
    next:
        csrr zero, psw
        in   zero, PORT_TIMER_NOW
        mv   a2, zero
        halt
    value:
        .word 0xdeadbeef
    )");
    p.run_to_halt();
    CHECK(p.reg("zero") == 0);
    CHECK(p.reg("a0") == 0);
    CHECK(p.reg("a1") == 0);
    CHECK(p.reg("a2") == 0);
}
