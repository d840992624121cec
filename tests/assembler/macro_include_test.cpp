// .macro/.endm and .include: substitution, local labels, nesting, the
// include search order, the built-in pg32.inc, and their errors.
#include "asm_test_util.hpp"

using namespace asmtest;

namespace {
const std::string kFiles = TRAPVM_SOURCE_DIR "/tests/assembler/files/";
}

TEST_CASE("a macro substitutes its parameters") {
    Image image = ok(".macro push reg\n  addi sp, sp, -4\n  sw \\reg, 0(sp)\n.endm\npush a0\npush s1\n");
    CHECK(words(image, 0, 4) == std::vector<uint32_t>{0x2022fffc, 0x38320000, 0x2022fffc, 0x38d20000});
}

TEST_CASE("macro arguments may be expressions and memory operands") {
    Image image =
        ok(".macro load dst, src, k\n  lw \\dst, \\src\n  addi \\dst, \\dst, \\k\n.endm\n"
           "load a0, 8(sp), (1 + 2) * 3\n");
    CHECK(words(image, 0, 2) == std::vector<uint32_t>{0x30320008, 0x20330009});
}

TEST_CASE("parameters may be separated by spaces or commas and used in strings") {
    Image image = ok(".macro say text n\n  .ascii \"<\\text>\"\n  .byte \\n\n.endm\nsay hi, 3\n");
    CHECK(bytes_at(image, 0, 5) == std::vector<uint8_t>{'<', 'h', 'i', '>', 3});
}

TEST_CASE("numeric local labels inside a macro work when it is used twice") {
    Image image = ok(".macro spin reg\n1: addi \\reg, \\reg, -1\n   bnez \\reg, 1b\n.endm\nspin a0\nspin a1\n");
    CHECK(words(image, 0, 4) == std::vector<uint32_t>{0x2033ffff, 0x4130ffff, 0x2044ffff, 0x4140ffff});
}

TEST_CASE("macros can use macros and a label can precede a macro use") {
    Image image = ok(".macro one\n nop\n.endm\n.macro two\n one\n one\n.endm\nstart: two\nj start\n");
    CHECK(words(image, 0, 3) == std::vector<uint32_t>{0x20000000, 0x20000000, 0x480ffffe});
    CHECK(image.find_symbol("start")->value == 0);
}

TEST_CASE("code from a macro maps to the line that used it") {
    Image image = ok(".macro two\n nop\n nop\n.endm\nhalt\ntwo\n");
    REQUIRE(image.lines.size() == 3);
    CHECK(image.lines[1].line == 6);
    CHECK(image.lines[2].line == 6);
}

TEST_CASE("an error inside a macro says where the macro was used") {
    AssembleResult r = assemble_source(".macro bad\n  addi a0, a0, 99999\n.endm\nnop\nbad\n", "m.s");
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.line == 2);
    CHECK(d.message == "immediate 99999 out of range -32768..32767 for addi");
    CHECK(d.note == "in macro 'bad' used at m.s:5");
}

TEST_CASE("macro errors") {
    CHECK(first_error(".macro m a\n.endm\nm\n") == "macro 'm' takes 1 argument (a), found 0");
    CHECK(first_error(".macro m a\n.endm\nm 1, 2\n") == "macro 'm' takes 1 argument (a), found 2");
    CHECK(first_error(".macro m a\n addi a0, a0, \\b\n.endm\n") == "'\\b' is not a parameter of macro 'm'");
    CHECK(first_error(".macro m\nnop\n") == "'.macro m' has no matching '.endm'");
    CHECK(first_error(".endm\n") == "'.endm' without a '.macro'");
    CHECK(first_error(".macro add\n.endm\n") == "cannot name a macro 'add': that name is taken");
    CHECK(first_error(".macro m\n.endm\n.macro m\n.endm\n") == "macro 'm' is already defined");
    CHECK(first_error(".macro m\n m\n.endm\nm\n") == "macros nested more than 64 deep: does macro 'm' use itself?");
    CHECK(first_error(".macro m\n.macro n\n.endm\n") ==
          "'.macro' inside the definition of macro 'm': macros cannot nest");
    CHECK(first_error(".macro m a, b\n.endm\nm 1,\n") == "missing macro argument after ','");
    CHECK(first_error("addi a0, a0, \\x\n") == "unexpected '\\' ('\\name' means a parameter only inside a .macro)");
}

TEST_CASE("include finds files next to the including file first") {
    AssembleResult r = assemble_file(kFiles + "main_rel.s");
    INFO(diagnostics_text(r));
    REQUIRE(r.ok());
    CHECK(words(*r.image, 0, 2) == std::vector<uint32_t>{0x2030002a, 0x20400007});
    REQUIRE(r.image->files.size() == 3);
    CHECK(r.image->files[1] == kFiles + "sub/defs.inc");
    CHECK(r.image->files[2] == kFiles + "sub/more.inc");
}

TEST_CASE("include searches the include directories next") {
    CHECK_FALSE(assemble_file(kFiles + "uses_idir.s").ok());
    AssembleOptions options;
    options.include_dirs = {kFiles + "idir"};
    AssembleResult r = assemble_file(kFiles + "uses_idir.s", options);
    REQUIRE(r.ok());
    CHECK(word_at(*r.image, 0) == 0x20300063);
}

TEST_CASE("pg32.inc is built in and works from any program") {
    Image image = ok(".include \"pg32.inc\"\nli a4, SYS_EXIT\nli a0, CAUSE_TIMER\nli a1, PORT_POWER_OFF\n");
    CHECK(words(image, 0, 3) == std::vector<uint32_t>{0x20700001, 0x20300010, 0x20400020});
    CHECK(image.files[1] == "<built-in>/pg32.inc");
    // Included twice (say by two files): the same constants again are harmless.
    CHECK(ok(".include \"pg32.inc\"\n.include \"pg32.inc\"\n").symbols.size() > 10);
}

TEST_CASE("a pg32.inc on the search path is preferred to the built-in one") {
    AssembleResult r = assemble_file(kFiles + "own/uses_own.s");
    INFO(diagnostics_text(r));
    REQUIRE(r.ok());
    CHECK(r.image->find_symbol("OWN_PG32") != nullptr);
    CHECK(r.image->find_symbol("SYS_EXIT") == nullptr);
}

TEST_CASE("include errors") {
    CHECK(first_error(".include \"no-such.inc\"\n") == "cannot find include file 'no-such.inc'");
    CHECK(first_error(".include no-quotes.inc\n") == "'.include' takes one file name in quotes: .include \"FILE\"");
    AssembleResult self = assemble_file(kFiles + "../errors/include-cycle.s");
    REQUIRE_FALSE(self.ok());
    CHECK(self.diagnostics[0].message.starts_with("include cycle:"));
}

TEST_CASE("ports are names in in and out and symbols can be expressions") {
    Image image = ok("out CONSOLE_OUT, a0\nin a0, CONSOLE_STATUS\nout POWER_OFF + 0, a0\nin t0, 0x11\n");
    CHECK(words(image, 0, 4) == std::vector<uint32_t>{0x66300000, 0x65300002, 0x66300020, 0x65800011});
    CHECK(first_error("li a0, CONSOLE_OUT\n") == "'CONSOLE_OUT' is a port name, which only in and out understand");
    CHECK(first_error("out 70000, a0\n") == "port 70000 out of range 0..65535 for out");
}
