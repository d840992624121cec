// Students' programs are half-written most of the time. Thousands of
// randomly damaged programs must each give diagnostics that point inside
// their line, and never a crash, a hang or an exception.
#include "asm_test_util.hpp"

#include <random>

using namespace asmtest;

namespace {

const char* kProgram = R"(.include "pg32.inc"
.macro push reg
        addi sp, sp, -4
        sw \reg, 0(sp)
.endm
_start: la   a1, msg
        li   t0, %hi(0x12345678) << 16 | %lo(0x12345678)
1:      lbu  a0, 0(a1)
        beqz a0, 2f
        out  CONSOLE_OUT, a0
        push a0
        addi a1, a1, 1
        j    1b
2:      csrr t1, psw
        halt
        .data
msg:    .asciz "Hi!\n"
        .align 4
table:  .word 1, 2, msg, . - table
        .half 3
        .byte 'x', -1
        .space 4, 0xff
.equ LEN, table - msg
)";

// One random edit: delete, insert or replace a character, or duplicate or
// drop a line.
std::string mutate(std::string s, std::mt19937& rng) {
    const std::string alphabet = "abcz019(),:.#;\"'\\%+-*/<>~&|^ \t\nx_@$=";
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % std::max<size_t>(n, 1)); };
    size_t at = pick(s.size());
    switch (rng() % 5) {
    case 0: s.erase(at, 1); break;
    case 1: s.insert(at, 1, alphabet[pick(alphabet.size())]); break;
    case 2: s[at] = alphabet[pick(alphabet.size())]; break;
    case 3: {
        size_t start = s.rfind('\n', at), end = s.find('\n', at);
        start = start == std::string::npos ? 0 : start + 1;
        s.insert(start, s.substr(start, end == std::string::npos ? std::string::npos : end - start + 1));
        break;
    }
    default: {
        size_t end = s.find('\n', at);
        s.erase(at, end == std::string::npos ? std::string::npos : end - at);
    }
    }
    return s;
}

}  // namespace

TEST_CASE("the sample program for the robustness test assembles") { ok(kProgram); }

TEST_CASE("damaged programs give located diagnostics and never crash") {
    std::mt19937 rng(20240601);
    int with_errors = 0;
    for (int n = 0; n < 3000; ++n) {
        std::string text = kProgram;
        for (int edits = 1 + static_cast<int>(rng() % 4); edits > 0; --edits) text = mutate(text, rng);
        AssembleResult r = assemble_source(text, "fuzz.s");
        with_errors += r.ok() ? 0 : 1;
        for (const Diagnostic& d : r.diagnostics) {
            INFO("program:\n", text, "\n", format_diagnostic(d));
            REQUIRE(!d.message.empty());
            if (d.source_line.empty()) continue;
            REQUIRE(d.line >= 1);
            REQUIRE(d.column >= 1);
            REQUIRE(d.length >= 1);
            REQUIRE(d.column + d.length - 1 <= static_cast<int>(d.source_line.size()) + 1);
        }
        if (r.ok()) {  // whatever assembled must also survive the image format
            std::optional<Image> back = read_image(write_image(*r.image), nullptr);
            REQUIRE(back.has_value());
            list_image(*back);
        }
    }
    CHECK(with_errors > 1000);
}

TEST_CASE("runaway macros and deep expressions stop with one clear error") {
    std::string doubling = ".macro m0\n nop\n.endm\n";
    for (int i = 1; i <= 40; ++i)  // m40 would be 2^40 nops
        doubling += cat(".macro m", std::to_string(i), "\n m", std::to_string(i - 1), "\n m", std::to_string(i - 1),
                        "\n.endm\n");
    AssembleResult r = assemble_source(doubling + "m40\n", "big.s");
    REQUIRE_FALSE(r.ok());
    CHECK(r.diagnostics.back().message.starts_with("the program grew past 200000 lines"));
    CHECK(r.error_count() == 1);

    // Lines alone do not bound memory: 100 uses of a macro holding a 1 MiB
    // line, or one use of a line of 100000 "\a" with a 1000-byte argument
    // (100 MB), stop at 64 MiB of text.
    std::string wide = cat(".macro m\n nop # ", std::string(1 << 20, 'x'), "\n.endm\n");
    for (int i = 0; i < 100; ++i) wide += "m\n";
    AssembleResult w = assemble_source(wide, "wide.s");
    CHECK(w.error_count() == 1);
    REQUIRE_FALSE(w.diagnostics.empty());
    CHECK(w.diagnostics[0].message.starts_with("the program grew past 64 MiB of text as macros and includes expanded"));
    std::string many = ".macro m a\n .ascii \"";
    for (int i = 0; i < 100000; ++i) many += "\\a";
    AssembleResult sub = assemble_source(cat(many, "\"\n.endm\nm ", std::string(1000, 'x'), "\n"), "sub.s");
    CHECK(sub.error_count() == 1);
    REQUIRE_FALSE(sub.diagnostics.empty());
    CHECK(sub.diagnostics[0].message.starts_with("the program grew past 64 MiB of text"));

    std::string deep = ".word " + std::string(100000, '(') + "1" + std::string(100000, ')') + "\n";
    CHECK(first_error(deep) == "expression nested too deeply");
    CHECK(first_error(".word " + std::string(100000, '-') + "1\n") == "expression nested too deeply");
}

// Pathological but legal programs, inside the 200,000-line limit: each
// must assemble right (the time they take is measured by the benchmark
// suite, not here; before, some took minutes).
TEST_CASE("a chain of 100000 equ constants each naming the next assembles") {
    constexpr int kLinks = 100'000;
    std::string text = "_start: halt\n.word c0\n";
    for (int i = 0; i < kLinks; ++i) text += cat(".equ c", std::to_string(i), ", c", std::to_string(i + 1), " + 1\n");
    text += cat(".equ c", std::to_string(kLinks), ", 7\n");
    Image image = ok(text);
    CHECK(word_at(image, 4) == kLinks + 7);
    CHECK(image.find_symbol("c99999")->value == 8);
}

TEST_CASE("100000 forward references to labels all resolve") {
    constexpr int kRefs = 99'990;  // with their labels, just under 200,000 lines
    std::string text = "_start:\n";
    for (int i = 0; i < kRefs; ++i) text += cat("    j L", std::to_string(i), "\n");
    for (int i = 0; i < kRefs; ++i) text += cat("L", std::to_string(i), ": nop\n");
    Image image = ok(text);
    REQUIRE(image.find_symbol("L0") != nullptr);
    CHECK(image.find_symbol("L0")->value == 4 * kRefs);
    // each j jumps 4 * kRefs bytes ahead: to its own label
    uint32_t first = word_at(image, 0), last = word_at(image, 4 * (kRefs - 1));
    CHECK(first == last);
    CHECK(disassemble_word(first, 0, &image) == "jal zero, L0");
}

TEST_CASE("numeric local labels used 100000 times resolve to the nearest") {
    std::string text = "_start:\n";
    for (int i = 0; i < 50'000; ++i) text += "1:  beq a0, a1, 1f\n    j 1b\n";
    text += "1: halt\n";
    Image image = ok(text);
    CHECK(disassemble_word(word_at(image, 0), 0, &image) == "beq a0, a1, 0x00000008");
    CHECK(disassemble_word(word_at(image, 4), 4, &image) == "jal zero, _start");
    CHECK(disassemble_word(word_at(image, 399'996), 399'996, &image) == "jal zero, 0x00061a78");
}

TEST_CASE("a cycle of equ constants is named in every one of its errors") {
    AssembleResult r = assemble_source(".equ A, B + 1\n.equ B, C\n.equ C, A * 2\n.equ D, A + 1\n.equ E, E\n", "t.s");
    REQUIRE(r.diagnostics.size() == 5);
    CHECK(r.diagnostics[0].message == "the value of 'A' depends on itself: A -> B -> C -> A");
    CHECK(r.diagnostics[1].message == "the value of 'B' depends on itself: B -> C -> A -> B");
    CHECK(r.diagnostics[2].message == "the value of 'C' depends on itself: C -> A -> B -> C");
    CHECK(r.diagnostics[3].message ==
          "the value of 'D' cannot be computed: it needs 'A', whose value depends on itself");
    CHECK(r.diagnostics[4].message == "the value of 'E' depends on itself: E -> E");
    CHECK(r.diagnostics[3].column == 6);
    CHECK(r.diagnostics[3].length == 1);

    // A constant in the cycle's component but off the cycle named.
    AssembleResult hub = assemble_source(".equ H, X + Y\n.equ X, H\n.equ Y, H\n", "t.s");
    REQUIRE(hub.diagnostics.size() == 3);
    CHECK(hub.diagnostics[0].message == "the value of 'H' depends on itself: H -> X -> H");
    CHECK(hub.diagnostics[2].message == "the value of 'Y' depends on itself: it needs 'H', which needs it");

    // A cycle of 100000: every error names it in a few words.
    std::string text;
    for (int i = 0; i < 100'000; ++i)
        text += cat(".equ c", std::to_string(i), ", c", std::to_string((i + 1) % 100'000), "\n");
    AssembleResult ring = assemble_source(text, "ring.s");
    CHECK(ring.error_count() == 100'000);
    REQUIRE(!ring.diagnostics.empty());
    CHECK(ring.diagnostics[0].message ==
          "the value of 'c0' depends on itself: c0 -> c1 -> c2 -> c3 -> ... -> c99998 -> c99999 -> c0 (a cycle of "
          "100000 constants)");
}

TEST_CASE("a 5000000-digit number gives a message of a few hundred bytes") {
    std::string digits(5'000'000, '9');
    AssembleResult r = assemble_source(cat("_start: li a0, ", digits, "\n"), "big.s");
    REQUIRE(r.diagnostics.size() == 1);
    std::string shown = format_diagnostics(r);
    INFO(shown);
    CHECK(shown.size() < 1000);
    CHECK(r.diagnostics[0].message ==
          cat("'", digits.substr(0, kMaxShownChars), "...' (5000000 characters) is too large"));
    CHECK(shown.find("... (5000015 characters)\n") != std::string::npos);  // the source line, cut
    // a name as long: its quotes, and the did-you-mean search, stay short
    AssembleResult name = assemble_source(cat("_start: j ", std::string(5'000'000, 'x'), "\n"), "big.s");
    CHECK(format_diagnostics(name).size() < 1000);
}

TEST_CASE("200000 bad lines show the first 100 errors and count the rest") {
    std::string text;
    for (int i = 0; i < 200'000; ++i) text += "        frob r1, r2\n";
    AssembleResult r = assemble_source(text, "bad.s");
    CHECK(r.error_count() == 200'000);
    REQUIRE(r.diagnostics.size() == static_cast<size_t>(kMaxShownDiagnostics));
    CHECK(r.diagnostics.front().line == 1);
    CHECK(r.diagnostics.back().line == kMaxShownDiagnostics);
    std::string shown = format_diagnostics(r);
    CHECK(shown.size() < static_cast<size_t>(kMaxShownDiagnostics) * 200);
    CHECK(shown.ends_with("\n... and 199900 more errors (200000 in all)\n"));

    // The first 100 in source order, whatever pass found them, and warnings
    // counted apart: an error late in pass 2 still shows when it is early.
    std::string mixed = "_start: j nowhere\n";
    for (int i = 0; i < 150; ++i) mixed += "  frob\n  .byte 1\n  .word 1\n  .byte 1, 2, 3\n";
    AssembleResult m = assemble_source(mixed, "mixed.s");
    CHECK(m.diagnostics.front().message == "'nowhere' is not defined");
    CHECK(m.error_count() == 151);
    CHECK(m.warning_count() == 150);  // every .word is one byte past a word boundary
    CHECK(format_diagnostics(m).ends_with("... and 51 more errors (151 in all) and 50 more warnings (150 in all)\n"));
}

TEST_CASE("more than 2,000,000 tokens, on one line or in all, stop with one error") {
    // A token costs the assembler about a hundred bytes; the limit bounds the
    // memory a 64 MiB program can take (README, "Limits").
    std::string one_line = ".word 0";
    for (int i = 0; i < 1'000'001; ++i) one_line += ",0";
    AssembleResult a = assemble_source(one_line + "\n", "wide.s");
    CHECK_FALSE(a.ok());
    REQUIRE(!a.diagnostics.empty());
    CHECK(a.diagnostics[0].message.find("more than 2,000,000 tokens on one line") != std::string::npos);
    std::string many_lines;
    for (int i = 0; i < 100'000; ++i) many_lines += ".word 0,0,0,0,0,0,0,0,0,0,0\n";  // 22 tokens a line
    AssembleResult b = assemble_source(many_lines, "tall.s");
    CHECK_FALSE(b.ok());
    REQUIRE(!b.diagnostics.empty());
    CHECK(b.diagnostics[0].message.find("more than 2,000,000 tokens") != std::string::npos);
    CHECK(b.diagnostics[0].line > 90'000);
}
