// The trace properties of kind: trace tests, on small kernels and programs:
// each holds on a correct one and names the register and the call (or the
// sys) on a broken one.
#include "grader/trace_properties.hpp"

#include "assembler/assembler.hpp"
#include "machine/machine.hpp"

#include <doctest/doctest.h>

namespace {

using trapvm::grader::PropertyVerdict;
using trapvm::grader::TraceProperties;

// A kernel that enters a user program at R = user, whose handler returns
// sys results in a0 only; HANDLER_EXTRA is spliced into the handler.
std::string kernel(const std::string& handler_extra, bool add_four = true) {
    return std::string(
               ".include \"pg32.inc\"\n"
               "_start:\n"
               "    la   t0, handler\n    csrw tvec, t0\n"
               "    la   t0, user\n    csrw rbase, t0\n    li   t0, 0x100\n    csrw rbound, t0\n"
               "    csrw epc, zero\n    csrw epsw, zero\n    rfe\n"
               "handler:\n"
               "    csrr a0, cause\n    addi a0, a0, -CAUSE_SYSCALL\n    bnez a0, stop\n"
               "    csrr a0, epc\n") +
           (add_four ? "    addi a0, a0, 4\n" : "") + "    csrw epc, a0\n" + handler_extra +
           "    li   a0, 42\n    rfe\n"
           "stop:\n    halt\n"
           ".align 4\nuser:\n"
           "    li   s1, 7\n    li   a4, SYS_WRITE\n    sys\n    sys\n    halt\n";
}

std::vector<PropertyVerdict> check(const std::string& source, const std::vector<std::string>& names) {
    trapvm::AssembleResult r = trapvm::assemble_source(source, "k.s");
    REQUIRE(r.ok());
    trapvm::Machine m;
    for (const trapvm::Segment& s : r.image->segments) REQUIRE(m.load(s.address, s.bytes));
    m.reset(r.image->entry);
    TraceProperties watch(m, *r.image, names);
    m.run(10'000, watch);
    return watch.verdicts();
}

}  // namespace

TEST_CASE("syscalls-return holds for a handler that adds 4 to epc and changes only a0") {
    auto v = check(kernel(""), {"syscalls-return"});
    REQUIRE(v.size() == 1);
    CHECK(v[0].holds);
    CHECK(v[0].checked == 2);
}

TEST_CASE("syscalls-return: a handler that forgets epc + 4 is named with the sys and its place") {
    auto v = check(kernel("", false), {"syscalls-return"});
    REQUIRE(!v.at(0).holds);
    INFO(v[0].problem);
    CHECK(v[0].problem.find("the sys at user+0x8 (k.s:26) (WRITE)") == 0);
    CHECK(v[0].problem.find("returned to 0x00000008, not to epc + 4 = 0x0000000c") != std::string::npos);
}

TEST_CASE("syscalls-return: a user program copied out of the image is named by its user address, not a label") {
    // As the guest OS does: the program runs where the image has no bytes,
    // so the label before that place (here user_end) says nothing about it.
    std::string copying = kernel("", false);
    copying.replace(copying.find("    la   t0, user\n"), std::string("    la   t0, user\n").size(),
                    "    la   t1, user\n    la   t2, user_end\n    li   t3, 0x1000\n"
                    "1:  lw   t0, 0(t1)\n    sw   t0, 0(t3)\n    addi t1, t1, 4\n    addi t3, t3, 4\n"
                    "    bltu t1, t2, 1b\n    li   t0, 0x1000\n");
    auto v = check(copying + "user_end:\n", {"syscalls-return"});
    REQUIRE(!v.at(0).holds);
    INFO(v[0].problem);
    CHECK(v[0].problem.find("the sys at 0x00000008 (WRITE) returned to 0x00000008") == 0);
}

TEST_CASE("syscalls-return: a handler that changes a caller's register names it") {
    auto v = check(kernel("    li   s1, 0\n"), {"syscalls-return"});
    REQUIRE(!v.at(0).holds);
    CHECK(v[0].problem.find("returned with s1 = 0x00000000, but it was 0x00000007 before") != std::string::npos);
}

TEST_CASE("calling-convention names the register, the callee and the call's place") {
    const char* program =
        "_start:\n    li sp, 0x1000\n    li s2, 5\n    call good\n    call bad\n    halt\n"
        "good:\n    addi sp, sp, -4\n    sw s2, 0(sp)\n    li s2, 9\n    lw s2, 0(sp)\n    addi sp, sp, 4\n    ret\n"
        "bad:\n    li s2, 9\n    ret\n";
    auto v = check(program, {"calling-convention"});
    REQUIRE(v.size() == 1);
    REQUIRE(!v[0].holds);
    CHECK(v[0].problem ==
          "s2 is callee-saved, but the call of bad at _start+0xc (k.s:5) returned with s2 = 0x00000009 (it was "
          "0x00000005 before the call): bad must save s2 and restore it before it returns");
}

TEST_CASE("calling-convention: an unbalanced stack is sp not restored") {
    auto v = check("_start:\n    li sp, 0x1000\n    call f\n    halt\nf:\n    addi sp, sp, -8\n    ret\n",
                   {"calling-convention"});
    REQUIRE(!v.at(0).holds);
    CHECK(v[0].problem ==
          "the stack is not balanced: sp is callee-saved, but the call of f at _start+0x4 (k.s:3) returned with sp = "
          "0x00000ff8 (it was 0x00001000 before the call), 8 bytes below: f must pop what it pushed before it "
          "returns");
}

TEST_CASE("calling-convention holds across recursion") {
    auto v = check(
        "_start:\n    li sp, 0x1000\n    li a0, 4\n    call f\n    halt\n"
        "f:\n    beqz a0, done\n    addi sp, sp, -8\n    sw ra, 4(sp)\n    sw s0, 0(sp)\n    mv s0, a0\n"
        "    addi a0, a0, -1\n    call f\n    add a0, a0, s0\n    lw s0, 0(sp)\n    lw ra, 4(sp)\n"
        "    addi sp, sp, 8\ndone:\n    ret\n",
        {"calling-convention"});
    CHECK(v.at(0).holds);
    CHECK(v[0].checked == 5);
}
