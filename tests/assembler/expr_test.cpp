// Constant expressions: bases, characters, each operator, C precedence,
// %hi/%lo, '.', symbols and numeric local labels.
#include "asm_test_util.hpp"

using namespace asmtest;

namespace {

// The value of expr, through .word (which takes any 32-bit value) at
// address 0; `after` may define the symbols it uses.
uint32_t value_of(const std::string& expr, const std::string& after = "") {
    return word_at(ok(cat(".word ", expr, "\n", after, "\n")), 0);
}

}  // namespace

TEST_CASE("numbers in decimal hex binary and character literals") {
    CHECK(value_of("42") == 42);
    CHECK(value_of("0x2a") == 42);
    CHECK(value_of("0X2A") == 42);
    CHECK(value_of("0b101010") == 42);
    CHECK(value_of("007") == 7);  // decimal, not octal
    CHECK(value_of("'a'") == 97);
    CHECK(value_of("'\\n'") == 10);
    CHECK(value_of("'\\t'") == 9);
    CHECK(value_of("'\\0'") == 0);
    CHECK(value_of("'\\''") == 39);
    CHECK(value_of("'\\\\'") == 92);
    CHECK(value_of("'\\x41'") == 65);
    CHECK(value_of("'#'") == 35);  // not a comment inside quotes
    CHECK(value_of("0xffffffff") == 0xffffffffu);
    CHECK(value_of("-2147483648") == 0x80000000u);
}

TEST_CASE("each operator") {
    CHECK(value_of("7 + 5") == 12);
    CHECK(value_of("7 - 5") == 2);
    CHECK(value_of("7 * 5") == 35);
    CHECK(value_of("7 / 2") == 3);
    CHECK(value_of("-7 / 2") == static_cast<uint32_t>(-3));  // rounds toward zero, as C
    CHECK(value_of("7 % 5") == 2);
    CHECK(value_of("-7 % 5") == static_cast<uint32_t>(-2));
    CHECK(value_of("1 << 4") == 16);
    CHECK(value_of("256 >> 4") == 16);
    CHECK(value_of("-16 >> 2") == static_cast<uint32_t>(-4));  // arithmetic
    CHECK(value_of("0xf0 & 0x3c") == 0x30);
    CHECK(value_of("0xf0 | 0x0f") == 0xff);
    CHECK(value_of("0xff ^ 0x0f") == 0xf0);
    CHECK(value_of("~0") == 0xffffffffu);
    CHECK(value_of("-5") == static_cast<uint32_t>(-5));
    CHECK(value_of("+5") == 5);
    CHECK(value_of("- -5") == 5);
}

TEST_CASE("precedence and parentheses follow C") {
    CHECK(value_of("1 + 2 * 3") == 7);
    CHECK(value_of("(1 + 2) * 3") == 9);
    CHECK(value_of("1 << 2 + 1") == 8);     // + binds tighter than <<
    CHECK(value_of("1 | 2 ^ 3 & 1") == 3);  // & then ^ then |
    CHECK(value_of("10 - 4 - 3") == 3);     // left to right
    CHECK(value_of("100 / 10 / 5") == 2);
    CHECK(value_of("-2 * -3") == 6);
    CHECK(value_of("~1 & 0xff") == 0xfe);
    CHECK(value_of("((((42))))") == 42);
}

TEST_CASE("percent hi and lo split a 32-bit value") {
    CHECK(value_of("%hi(0x12345678)") == 0x1234);
    CHECK(value_of("%lo(0x12345678)") == 0x5678);
    CHECK(value_of("%hi(-1)") == 0xffff);
    CHECK(value_of("%lo(-1)") == 0xffff);
    CHECK(value_of("(%hi(0xdeadbeef) << 16) | %lo(0xdeadbeef)") == 0xdeadbeefu);
    // lui + ori rebuild any value: ori zero-extends, so no carry fix-up.
    Image image = ok("lui a0, %hi(0x8000ffff)\nori a0, a0, %lo(0x8000ffff)\n");
    CHECK(words(image, 0, 2) == std::vector<uint32_t>{0x29308000, 0x2433ffff});
}

TEST_CASE("dot is the address of the current statement") {
    Image image = ok("nop\nnop\n.word .\n.word . + 4\n");
    CHECK(word_at(image, 8) == 8);
    CHECK(word_at(image, 12) == 16);
    Image branch = ok("beq zero, zero, .\n");
    CHECK(word_at(branch, 0) == 0x40000000);  // offset 0: a tight loop
}

TEST_CASE("symbols: labels constants and differences of labels") {
    CHECK(value_of("end - start", "start: nop\nnop\nend:") == 8);
    CHECK(value_of("N * 2", ".equ N, 21") == 42);
    CHECK(value_of("later", ".word 0\n.word 0\nlater:") == 12);
    Image image = ok(".word fwd\nfwd: .word 5\n");
    CHECK(word_at(image, 0) == 4);
}

TEST_CASE("numeric local labels refer backward and forward") {
    Image image =
        ok("1: addi a0, a0, -1\n"             // 0
           "   bnez a0, 1b\n"                 // 4  -> 0
           "   j 1f\n"                        // 8  -> 16
           "   nop\n"                         // 12
           "1: j 1b\n"                        // 16 -> 16 (itself: defined at the start of its line)
           "   j 2f\n"                        // 20 -> 28
           "1: nop\n"                         // 24
           "2: j 1b\n");                      // 28 -> 24
    CHECK(word_at(image, 4) == 0x4130ffff);   // bne a0, zero, -4
    CHECK(word_at(image, 8) == 0x48000002);   // jal zero, +8
    CHECK(word_at(image, 16) == 0x48000000);  // jal zero, 0
    CHECK(word_at(image, 20) == 0x48000002);
    CHECK(word_at(image, 28) == 0x480fffff);  // jal zero, -4
}

TEST_CASE("local label references 0b and 0f are labels but 0b101 is binary") {
    Image image = ok("0: .word 0b\n.word 0f\n0: .word 0b101\n");
    CHECK(words(image, 0, 3) == std::vector<uint32_t>{0, 8, 5});
}

TEST_CASE("expression errors point at the problem") {
    CHECK(first_error(".word 1/0") == "division by zero");
    CHECK(first_error(".word 1%(2-2)") == "division by zero");
    CHECK(first_error(".word 1 << 64") == "shift count 64 out of range 0..63");
    CHECK(first_error(".word (1 + 2") == "this '(' has no matching ')'");
    CHECK(first_error(".word 1 +") == "expected a value after '+'");
    CHECK(first_error(".word 12ab") == "'12ab' is not a number (numbers are decimal, 0x hex or 0b binary)");
    CHECK(first_error(".word 0x") == "'0x' is missing its digits");
    CHECK(first_error(".word 0b102") == "'0b102' is not a number: '2' is not a base-2 digit");
    CHECK(first_error(".word 99999999999999999999") == "'99999999999999999999' is too large");
    CHECK(first_error(".word %mid(3)") == "expected %hi(...) or %lo(...) after '%'");
    CHECK(first_error(".word %hi(0x100000000)") == "%hi needs a 32-bit value, found 4294967296");
    CHECK(first_error(".word 'ab'") == "a character literal holds one character; use \"...\" for a string");
    CHECK(first_error(".word 6 == 0") == "unexpected character '='");
    CHECK(first_error(".word nothing") == "'nothing' is not defined");
}

TEST_CASE("division by zero is reported at its column") {
    AssembleResult r = assemble_source("  .word 4 + 8 / (2 - 2)\n", "t.s");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].column == 15);
    CHECK(r.diagnostics[0].length == 9);
}
