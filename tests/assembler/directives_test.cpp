// Every directive, the .text/.data layout, the entry point and -D.
#include "asm_test_util.hpp"

#include <filesystem>

using namespace asmtest;

namespace {
std::vector<uint8_t> v(std::initializer_list<int> bytes) {
    std::vector<uint8_t> out;
    for (int b : bytes) out.push_back(static_cast<uint8_t>(b));
    return out;
}
const Symbol& symbol(const Image& image, const char* name) {
    const Symbol* s = image.find_symbol(name);
    REQUIRE_MESSAGE(s != nullptr, "no symbol ", name);
    return *s;
}
}  // namespace

TEST_CASE("dot word half and byte store little-endian values") {
    Image image = ok(".word 0x11223344, -1\n.half 0x5566, -2\n.byte 0x77, -1, 255\n");
    CHECK(bytes_at(image, 0, 15) ==
          v({0x44, 0x33, 0x22, 0x11, 0xff, 0xff, 0xff, 0xff, 0x66, 0x55, 0xfe, 0xff, 0x77, 0xff, 0xff}));
    CHECK(first_error(".half 65536") == "value 65536 does not fit in '.half' (16 bits: -32768..65535)");
    CHECK(first_error(".byte -129") == "value -129 does not fit in '.byte' (8 bits: -128..255)");
    CHECK(first_error(".word 0x100000000") ==
          "value 4294967296 does not fit in '.word' (32 bits: -2147483648..4294967295)");
}

TEST_CASE("dot ascii and asciz store strings with escapes") {
    Image image = ok(".ascii \"hi\\n\", \"\\x41\"\n.asciz \"ok\"\n.asciz \"\", \"#;\"\n");
    CHECK(bytes_at(image, 0, 11) == v({'h', 'i', '\n', 'A', 'o', 'k', 0, 0, '#', ';', 0}));
    CHECK(first_error(".ascii 5") == "'.ascii' takes strings in quotes, like \"hello\\n\"");
}

TEST_CASE("dot space reserves zeroed or filled bytes") {
    Image image = ok(".byte 1\n.space 3\n.space 2, 0xaa\n.byte 2\n");
    CHECK(bytes_at(image, 0, 7) == v({1, 0, 0, 0, 0xaa, 0xaa, 2}));
    CHECK(first_error(".space later\nlater:") == "'.space' needs a value known at this point");
    CHECK(first_error(".space -1") == "'.space' size -1 out of range 0..67108864");
    CHECK(first_error(".space 1, 256") == "fill byte 256 out of range -128..255");
}

TEST_CASE("dot align pads with zeros to a power of two") {
    Image image = ok(".byte 1\n.align 4\nx: .byte 2\n.align 16\ny: .byte 3\n.align 1\n");
    CHECK(symbol(image, "x").value == 4);
    CHECK(symbol(image, "y").value == 16);
    CHECK(bytes_at(image, 0, 5) == v({1, 0, 0, 0, 2}));
    CHECK(first_error(".align 3") == "'.align' takes a power of two from 1 to 65536 (bytes), found 3");
    CHECK(first_error(".align 0") == "'.align' takes a power of two from 1 to 65536 (bytes), found 0");
}

TEST_CASE("dot org moves forward and leaves a gap between segments") {
    Image image = ok("nop\n.org 0x100\nhere: halt\n");
    REQUIRE(image.segments.size() == 2);
    CHECK(image.segments[1].address == 0x100);
    CHECK(symbol(image, "here").value == 0x100);
    CHECK(first_error("nop\nnop\n.org 4\n") == "'.org 0x00000004' would move backwards from 0x00000008");
    CHECK(first_error(".org 0x100000000") == "'.org' address 4294967296 is not a 32-bit address");
    CHECK(first_error(".org 0xfffffffc\nnop\nnop\n") == "the program runs past address 0xffffffff");
}

TEST_CASE("dot equ defines constants also from later symbols") {
    Image image =
        ok(".equ A, 5\n.equ B, A * 2 + C\n.equ C, 1\n.word B\n.equ SIZE, end - start\nstart: .space 12\nend:\n");
    CHECK(word_at(image, 0) == 11);
    CHECK(symbol(image, "A").kind == SymbolKind::Constant);
    CHECK(symbol(image, "SIZE").value == 12);
    CHECK(ok(".equ X, 1\n.equ X, 1\n").symbols.size() == 1);  // same value again: harmless
    CHECK(first_error(".equ X, 1\n.equ X, 2\n") == "'X' is already defined");
    CHECK(first_error(".equ X, Y\n.equ Y, X\n") == "the value of 'X' depends on itself: X -> Y -> X");
    CHECK(first_error(".equ 5, 1\n") == "'.equ' needs a name first: .equ NAME, VALUE");
    CHECK(first_error(".equ a0, 1\n") == "'a0' is a register name; a label or constant needs another name");
}

TEST_CASE("dot data follows dot text 16-byte aligned unless dot org places it") {
    Image image = ok(".data\nmsg: .ascii \"hi\"\n.text\n_start: la a0, msg\nhalt\n.data\nmore: .byte 1\n");
    CHECK(symbol(image, "msg").value == 16);  // .text is 12 bytes: la (lui+ori) and halt
    CHECK(symbol(image, "more").value == 18);
    CHECK(words(image, 0, 2) == std::vector<uint32_t>{0x29300000, 0x24330010});
    Image placed = ok("nop\n.data\n.org 0x2000\nd: .word 7\n.text\nnop\n");
    CHECK(symbol(placed, "d").value == 0x2000);
    CHECK(word_at(placed, 4) == 0x20000000);
    Image big = ok("nop\n.data\n.align 64\nd: .byte 1\n");
    CHECK(symbol(big, "d").value == 64);  // .data's start takes its largest .align
}

TEST_CASE("a data-relative value is known in pass 1 when it is a difference") {
    // msg_end - msg is known before .data is placed, so li takes one word.
    Image image = ok(".data\nmsg: .ascii \"hello\"\nmsg_end:\n.text\nli a1, msg_end - msg\nhalt\n");
    CHECK(word_at(image, 0) == 0x20400005);
    CHECK(word_at(image, 4) == 0x64000000);
}

TEST_CASE("overlapping dot text and dot data is an error") {
    CHECK(first_error("nop\nnop\n.data\n.org 4\n.word 1\n") ==
          "bytes 0x00000004..0x00000007 are assembled twice: .text and .data overlap");
    CHECK(first_error(".data\n.byte 1\n.org 0x100\n") == "'.org' with an address must come before any data in .data");
}

TEST_CASE("instructions must be word-aligned") {
    CHECK(first_error(".byte 1\nnop\n") == "instruction is not word-aligned: it would start at 0x00000001");
    AssembleResult r = assemble_source(".byte 1\n.align 4\nnop\n.half 1\n.word 2\n", "t.s");
    REQUIRE(r.ok());
    REQUIRE(r.diagnostics.size() == 1);  // a warning: lw of that .word would trap
    CHECK(r.diagnostics[0].warning);
    CHECK(r.diagnostics[0].message ==
          "'.word' at 0x0000000a is not aligned to 4 bytes; loading it will trap with MISALIGNED");
}

TEST_CASE("dot incbin includes the raw bytes of a file") {
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "trapvm-incbin-test";
    std::filesystem::create_directories(dir);
    std::string bin = (dir / "blob.bin").string(), prog = (dir / "prog.s").string();
    {
        std::FILE* f = std::fopen(bin.c_str(), "wb");
        REQUIRE(f);
        std::fwrite("\x01\x02\x03", 1, 3, f);
        std::fclose(f);
        f = std::fopen(prog.c_str(), "wb");
        REQUIRE(f);
        std::fputs("halt\nuser: .incbin \"blob.bin\"\nafter:\n", f);
        std::fclose(f);
    }
    AssembleResult r = assemble_file(prog);
    INFO(diagnostics_text(r));
    REQUIRE(r.ok());
    CHECK(bytes_at(*r.image, 4, 3) == v({1, 2, 3}));
    CHECK(symbol(*r.image, "after").value == 7);
    CHECK(first_error(".incbin \"no-such-file.bin\"") == "cannot find file 'no-such-file.bin'");
    std::filesystem::remove_all(dir);
}

TEST_CASE("the entry point is _start if defined else the first instruction") {
    CHECK(ok("nop\n_start: halt\n").entry == 4);
    CHECK(ok(".word 5\n.org 0x40\nfirst: nop\n").entry == 0x40);
    CHECK(ok(".data\n.word 1\n.text\n.org 0x20\nmain: nop\n").entry == 0x20);
    CHECK(ok(".word 1\n").entry == 0);  // no instructions at all
}

TEST_CASE("an entry point that is not a multiple of 4 is an error at _start") {
    AssembleResult r = assemble_source("main: halt\n.data\n.byte 1\n_start: .byte 2\n", "t.s");
    REQUIRE(r.diagnostics.size() == 1);
    const Diagnostic& d = r.diagnostics[0];
    CHECK(d.message == "the entry point '_start' must be word-aligned (a multiple of 4), but it is at 0x00000011");
    CHECK(d.line == 4);
    CHECK(d.column == 1);
    CHECK(d.length == 6);
    CHECK_FALSE(r.ok());
    CHECK(first_error(".equ _start, 6\nhalt\n") ==
          "the entry point '_start' must be word-aligned (a multiple of 4), but it is at 0x00000006");
    AssembleOptions odd;
    odd.defines = {{"_start", 2}};
    CHECK(first_error("halt\n", odd) ==
          "-D _start: the entry point '_start' must be word-aligned (a multiple of 4), but it is at 0x00000002");
    CHECK(ok(".data\n.byte 1\n.align 4\n_start: halt\n").entry % 4 == 0);  // aligned in .data is fine
}

TEST_CASE("defines from the command line are constants") {
    AssembleOptions options;
    options.defines = {{"COUNT", 42}, {"NEG", -1}};
    Image image = ok(".word COUNT, NEG\n", options);
    CHECK(words(image, 0, 2) == std::vector<uint32_t>{42, 0xffffffff});
    CHECK(symbol(image, "COUNT").kind == SymbolKind::Constant);
    AssembleOptions clash;
    clash.defines = {{"N", 1}};
    AssembleResult r = assemble_source(".equ N, 2\n", "t.s", clash);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "'N' is already defined");
    CHECK(r.diagnostics[0].note == "'N' was first defined on the command line (-D)");
    AssembleOptions bad;
    bad.defines = {{"1X", 1}};
    CHECK(first_error("nop", bad) == "-D 1X=1: '1X' is not a valid symbol name");
    AssembleOptions huge;
    huge.defines = {{"H", int64_t{1} << 32}};
    AssembleResult r2 = assemble_source("nop", "t.s", huge);
    REQUIRE(r2.diagnostics.size() == 1);
    CHECK(format_diagnostic(r2.diagnostics[0]) ==
          "<command line>: error: -D H=4294967296: the value does not fit in 32 bits\n");
}

TEST_CASE("labels and the line table") {
    Image image = ok("start:\n  nop\n  li a0, 0x12345678\n.data\n.word 1\n");
    CHECK(symbol(image, "start").kind == SymbolKind::Label);
    REQUIRE(image.lines.size() == 3);  // one per code word; li's two words map to its line
    CHECK(image.lines[0].line == 2);
    CHECK(image.lines[1].line == 3);
    CHECK(image.lines[2].line == 3);
    CHECK(image.lines[2].address == 8);
    CHECK(image.files == std::vector<std::string>{"test.s"});
    CHECK(image.line_at(16) == nullptr);  // data has no line
    CHECK(image.label_at_or_before(8)->name == "start");
}
