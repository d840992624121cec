// Pseudo-instructions. Those with a template in pseudos.tbl are checked
// against the template itself, row by row (so a new row is covered); li
// and la, which pick the shortest expansion, have their own cases.
#include "asm_test_util.hpp"
#include "isa-spec/isa.hpp"

#include <algorithm>
#include <cctype>

using namespace asmtest;

namespace {

// Sample operand text for each slot of a pseudo's syntax.
std::string sample(const std::string& slot) {
    if (slot == "rd") return "t1";
    if (slot == "rs1") return "a2";
    if (slot == "rs2") return "s3";
    if (slot.starts_with("target")) return "dest";
    return "0";
}

std::vector<std::string> split(const std::string& s, char sep) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t end; (end = s.find(sep, start)) != std::string::npos; start = end + 1)
        out.push_back(s.substr(start, end - start));
    out.push_back(s.substr(start));
    for (std::string& p : out) {
        p.erase(0, p.find_first_not_of(' '));
        p.erase(p.find_last_not_of(' ') + 1);
    }
    return out;
}

// The template with each slot name replaced, word by word.
std::string substitute(const std::string& expansion, const std::vector<std::string>& slots) {
    std::string out, word;
    auto flush = [&] {
        bool slot = std::find(slots.begin(), slots.end(), word) != slots.end();
        out += slot ? sample(word) : word;
        word.clear();
    };
    for (char c : expansion) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            word += c;
            continue;
        }
        flush();
        out += c == ';' ? '\n' : c;
    }
    flush();
    return out;
}

}  // namespace

TEST_CASE("every templated pseudo-instruction assembles to its expansion") {
    int checked = 0;
    for (const pg32::PseudoInfo& p : pg32::kPseudos) {
        if (std::string(p.expansion).starts_with("(")) continue;  // li, la: below
        std::vector<std::string> slots = p.operand_count ? split(p.syntax, ',') : std::vector<std::string>{};
        std::string operands;
        for (const std::string& s : slots) operands += cat(operands.empty() ? " " : ", ", sample(s));
        std::string tail = "\n.org 0x40\ndest: halt\n";
        std::string pseudo = cat(".org 0x10\n", p.mnemonic, operands, tail);
        std::string expanded = cat(".org 0x10\n", substitute(p.expansion, slots), tail);
        INFO(pseudo, "\nshould be\n", expanded);
        Image a = ok(pseudo), b = ok(expanded);
        CHECK(a.segments[0].bytes == b.segments[0].bytes);
        CHECK(a.lines.size() == b.lines.size());
        ++checked;
    }
    CHECK(checked == pg32::kPseudoCount - 2);
}

TEST_CASE("the pseudo-instructions expand as documented") {
    CHECK(word_at(ok("nop"), 0) == 0x20000000);
    CHECK(word_at(ok("mv a0, a1"), 0) == 0x20340000);
    CHECK(words(ok("not a0, a1"), 0, 2) == std::vector<uint32_t>{0x02304000, 0x2033ffff});
    CHECK(word_at(ok("neg a0, a1"), 0) == 0x02304000);
    CHECK(word_at(ok("x: j x"), 0) == 0x48000000);
    CHECK(word_at(ok("jr t0"), 0) == 0x49080000);
    CHECK(word_at(ok("x: call x"), 0) == 0x48100000);
    CHECK(word_at(ok("ret"), 0) == 0x49010000);
    CHECK(word_at(ok("x: beqz a0, x"), 0) == 0x40300000);
    CHECK(word_at(ok("x: bnez a0, x"), 0) == 0x41300000);
    CHECK(word_at(ok("x: bgt a0, a1, x"), 0) == 0x42430000);
    CHECK(word_at(ok("x: ble a0, a1, x"), 0) == 0x43430000);
    CHECK(word_at(ok("x: bgtu a0, a1, x"), 0) == 0x44430000);
    CHECK(word_at(ok("x: bleu a0, a1, x"), 0) == 0x45430000);
}

TEST_CASE("li picks the shortest expansion for a value known in pass 1") {
    CHECK(words(ok("li a0, 5"), 0, 1) == std::vector<uint32_t>{0x20300005});           // addi
    CHECK(words(ok("li a0, -32768"), 0, 1) == std::vector<uint32_t>{0x20308000});      // addi
    CHECK(words(ok("li a0, 0xffffffff"), 0, 1) == std::vector<uint32_t>{0x2030ffff});  // addi -1
    CHECK(words(ok("li a0, 40000"), 0, 1) == std::vector<uint32_t>{0x24309c40});       // ori
    CHECK(words(ok("li a0, 0x10000"), 0, 1) == std::vector<uint32_t>{0x29300001});     // lui
    CHECK(words(ok("li a0, -65536"), 0, 1) == std::vector<uint32_t>{0x2930ffff});      // lui
    CHECK(words(ok("li a0, 0x12345678"), 0, 2) == std::vector<uint32_t>{0x29301234, 0x24335678});
    CHECK(words(ok("li a0, -2147483648"), 0, 1) == std::vector<uint32_t>{0x29308000});
    CHECK(words(ok("li a0, -40000"), 0, 2) == std::vector<uint32_t>{0x2930ffff, 0x243363c0});
    CHECK(total_size(ok(".equ K, 7\nli a0, K")) == 4);
}

TEST_CASE("li and la with a forward reference always take lui plus ori") {
    Image image = ok("la a0, later\nli a1, SMALL\nlater: halt\n.equ SMALL, 3\n");
    CHECK(words(image, 0, 4) == std::vector<uint32_t>{0x29300000, 0x24330010, 0x29400000, 0x24440003});
    CHECK(image.find_symbol("later")->value == 16);
    Image back = ok("here: nop\nla a0, here\n");
    CHECK(total_size(back) == 8);  // known: one word
}

TEST_CASE("li takes any 32-bit value and nothing more") {
    CHECK(first_error("li a0, 0x100000000") == "value 4294967296 does not fit in 32 bits (-2147483648..4294967295)");
    CHECK(first_error("li a0, -2147483649") == "value -2147483649 does not fit in 32 bits (-2147483648..4294967295)");
    CHECK(first_error("li 5, 5") ==
          "'5' is not a register; registers are r0..r15 or zero, ra, sp, a0..a4, t0..t3, s0..s3, fp");
    CHECK(first_error("li a0") == "li takes 2 operands (rd, imm32), found 1");
}

TEST_CASE("pseudo errors name the pseudo-instruction") {
    CHECK(first_error("beqz a0, 0x40000") ==
          "branch target 0x00040000 out of range for beqz: it is 262144 bytes away, and beqz reaches -131072..131068");
    CHECK(first_error("mv a0, 5") ==
          "'5' is not a register; registers are r0..r15 or zero, ra, sp, a0..a4, t0..t3, s0..s3, fp");
    CHECK(first_error("ret a0") == "unexpected operand 'a0': ret takes no operands, found 1");
}
