// The image format: writer/reader round trip, lookups, and the reader on
// every kind of damage (each gives an error, never a crash or a huge
// allocation). Offsets below follow pg32-reference.md section 8.
#include "asm_test_util.hpp"
#include "image/image_format.hpp"

using namespace asmtest;

namespace {

constexpr size_t kSizeAt = 12, kSegmentCountAt = 20, kSymbolCountAt = 24, kFileCountAt = 28, kLineCountAt = 32;
constexpr size_t kBodyAt = 36;

void put32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
    REQUIRE(at + 4 <= b.size());
    for (int i = 0; i < 4; ++i) b.at(at + i) = static_cast<uint8_t>(v >> (8 * i));
}

// After an edit: the size field and the checksum made right again, so that
// the reader's structural checks are what is tested.
std::vector<uint8_t> reseal(std::vector<uint8_t> b) {
    put32(b, kSizeAt, static_cast<uint32_t>(b.size()));
    put32(b, b.size() - 4, image_format::crc32(std::span(b).first(b.size() - 4)));
    return b;
}

std::string read_error(const std::vector<uint8_t>& bytes) {
    std::string error;
    std::optional<Image> image = read_image(bytes, &error);
    CHECK_FALSE(image.has_value());
    CHECK_FALSE(error.empty());
    return error;
}

Image sample() {
    // Three segments: .text, more .text at 0x100, and .data after it.
    return ok(
        ".include \"pg32.inc\"\n_start: la a0, msg\nloop: j loop\n.data\nmsg: .asciz \"hi\"\n"
        ".text\n.org 0x100\n.word 1\n");
}

void check_same(const Image& a, const Image& b) {
    CHECK(a.entry == b.entry);
    REQUIRE(a.segments.size() == b.segments.size());
    for (size_t i = 0; i < a.segments.size(); ++i) {
        CHECK(a.segments[i].address == b.segments[i].address);
        CHECK(a.segments[i].bytes == b.segments[i].bytes);
    }
    REQUIRE(a.symbols.size() == b.symbols.size());
    for (size_t i = 0; i < a.symbols.size(); ++i) {
        CHECK(a.symbols[i].name == b.symbols[i].name);
        CHECK(a.symbols[i].value == b.symbols[i].value);
        CHECK(a.symbols[i].kind == b.symbols[i].kind);
    }
    CHECK(a.files == b.files);
    REQUIRE(a.lines.size() == b.lines.size());
    for (size_t i = 0; i < a.lines.size(); ++i) {
        CHECK(a.lines[i].address == b.lines[i].address);
        CHECK(a.lines[i].file == b.lines[i].file);
        CHECK(a.lines[i].line == b.lines[i].line);
    }
}

}  // namespace

TEST_CASE("crc32 is the standard IEEE one") {
    std::string check = "123456789";
    CHECK(image_format::crc32(std::span(reinterpret_cast<const uint8_t*>(check.data()), check.size())) == 0xcbf43926u);
}

TEST_CASE("an image survives writing and reading") {
    Image image = sample();
    REQUIRE(image.segments.size() == 3);
    std::vector<uint8_t> bytes = write_image(image);
    CHECK(looks_like_image(bytes));
    std::string error;
    std::optional<Image> back = read_image(bytes, &error);
    INFO(error);
    REQUIRE(back.has_value());
    check_same(image, *back);
    CHECK(write_image(*back) == bytes);  // and writing is deterministic
}

TEST_CASE("an empty image survives writing and reading") {
    std::vector<uint8_t> bytes = write_image(Image{});
    CHECK(bytes.size() == kBodyAt + 4);
    std::optional<Image> back = read_image(bytes, nullptr);
    REQUIRE(back.has_value());
    CHECK(back->segments.empty());
}

TEST_CASE("printable shows printable ASCII as it is and every other byte and the backslash as xHH") {
    CHECK(printable("loop_1 +0x10: <ok>") == "loop_1 +0x10: <ok>");
    CHECK(printable("") == "");
    CHECK(printable("\x1b[31mred\x1b[0m") == "\\x1b[31mred\\x1b[0m");
    CHECK(printable(std::string_view("a\0b", 3)) == "a\\x00b");
    CHECK(printable("\t\n\r\a\x7f") == "\\x09\\x0a\\x0d\\x07\\x7f");
    CHECK(printable("caf\xc3\xa9 \x9b") == "caf\\xc3\\xa9 \\x9b");  // UTF-8, and a C1 control
    CHECK(printable("a\\x1b") == "a\\x5cx1b");                      // a backslash is escaped: "\x1b" cannot be faked
    for (int c = 0; c < 256; ++c) {                                 // whatever comes out is printable ASCII
        std::string shown = printable(std::string(1, static_cast<char>(c)));
        for (char s : shown) CHECK((s >= 0x20 && s < 0x7f));
    }
}

TEST_CASE("image lookups") {
    Image image = sample();
    CHECK(image.find_symbol("loop")->value == 8);
    CHECK(image.find_symbol("SYS_EXIT")->kind == SymbolKind::Constant);
    CHECK(image.find_symbol("nope") == nullptr);
    CHECK(image.label_at_or_before(9)->name == "loop");
    CHECK(image.label_at_or_before(4)->name == "_start");
    CHECK(image.label_at_or_before(0x200)->name == "msg");  // constants never count
    REQUIRE(image.line_at(8) != nullptr);
    CHECK(image.line_at(8)->line == 3);
    CHECK(image.line_at(9) == nullptr);
    CHECK(Image{}.label_at_or_before(0) == nullptr);
}

TEST_CASE("a LabelIndex answers as label_at_or_before does") {
    // Labels defined out of address order, several at one address (the
    // first defined wins), and constants, which never count.
    Image image;
    uint32_t x = 7;
    for (int i = 0; i < 300; ++i) {
        x = x * 1103515245u + 12345u;
        uint32_t value = (x >> 16) % 64 * 4;
        SymbolKind kind = (x >> 8) % 5 == 0 ? SymbolKind::Constant : SymbolKind::Label;
        image.symbols.push_back({cat("s", std::to_string(i)), value, kind});
    }
    image.symbols.push_back({"top", 0xffffffff, SymbolKind::Label});
    LabelIndex index(image);
    for (uint32_t address : {0u, 1u, 3u, 4u, 100u, 255u, 256u, 4096u, 0xfffffffeu, 0xffffffffu}) {
        INFO("address ", address);
        CHECK(index.at_or_before(address) == image.label_at_or_before(address));
    }
    for (uint32_t address = 0; address < 300; ++address) {
        const Symbol* s = image.label_at_or_before(address);
        CHECK(index.at_or_before(address) == s);
        CHECK(index.at(address) == (s && s->value == address ? s : nullptr));
    }
    CHECK(LabelIndex(Image{}).at_or_before(5) == nullptr);
}

TEST_CASE("every truncation of a valid image is an error") {
    std::vector<uint8_t> bytes = write_image(sample());
    for (size_t n = 0; n < bytes.size(); ++n) {
        INFO("length ", n);
        read_error(std::vector<uint8_t>(bytes.begin(), bytes.begin() + n));
    }
    CHECK(read_error(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 50)) ==
          "image is truncated: the header says " + std::to_string(bytes.size()) + " bytes, the file has 50");
    CHECK(read_error(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 20)) ==
          "image is truncated: 20 bytes, but even an empty image has 40");
}

TEST_CASE("every flipped byte of a valid image is an error") {
    std::vector<uint8_t> bytes = write_image(sample());
    for (size_t i = 0; i < bytes.size(); ++i)
        for (uint8_t flip : {0x01, 0x80, 0xff}) {
            std::vector<uint8_t> bad = bytes;
            bad[i] ^= flip;
            INFO("byte ", i, " xor ", int(flip));
            read_error(bad);
        }
    std::vector<uint8_t> bad = bytes;
    bad[kBodyAt + 10] ^= 1;
    CHECK(read_error(bad).starts_with("image is corrupt: checksum"));
}

TEST_CASE("an image records its ISA profile: pg32 as version 1, another as version 3") {
    Image base = sample();
    std::vector<uint8_t> v1 = write_image(base);
    CHECK(v1[8] == 1);
    CHECK(read_image(v1, nullptr)->profile == "pg32");
    Image flawed = sample();
    flawed.profile = "leaky-psw";
    std::vector<uint8_t> v3 = write_image(flawed);
    CHECK(v3[8] == 3);
    std::string error;
    std::optional<Image> back = read_image(v3, &error);
    REQUIRE(back);
    CHECK(back->profile == "leaky-psw");
    CHECK(write_image(*back) == v3);
    flawed.profile = "leaky-zzz";  // same length: only the name is wrong
    CHECK(read_error(write_image(flawed)) ==
          "bad image: the image is for ISA profile 'leaky-zzz', which this trapvm "
          "does not have (trapvm check --list shows the profiles)");
}

TEST_CASE("bad magic version size and trailing bytes") {
    std::vector<uint8_t> bytes = write_image(sample());
    std::vector<uint8_t> magic = bytes;
    magic[0] = 'X';
    CHECK(read_error(magic) == "not a trapvm image (it does not start with the PG32IMG magic number)");
    CHECK_FALSE(looks_like_image(magic));
    std::vector<uint8_t> version = bytes;
    put32(version, 8, 4);
    CHECK(read_error(reseal(version)) ==
          "image format version 4 is not supported (this trapvm reads versions 1 to 3); re-assemble the program");
    std::vector<uint8_t> longer = bytes;
    longer.push_back(0);
    CHECK(read_error(longer).starts_with("image has the wrong size"));
    std::vector<uint8_t> trailing = bytes;
    trailing.insert(trailing.end() - 4, {1, 2, 3});
    CHECK(read_error(reseal(trailing)) == "bad image: 3 unexpected bytes after the line table");
}

TEST_CASE("absurd counts are rejected before anything is allocated") {
    std::vector<uint8_t> bytes = write_image(sample());
    for (size_t at : {kSegmentCountAt, kSymbolCountAt, kFileCountAt, kLineCountAt})
        for (uint32_t count : {0xffffffffu, 0x10000000u, 100000u}) {
            std::vector<uint8_t> bad = bytes;
            put32(bad, at, count);
            INFO("count at ", at, " = ", count);
            CHECK(read_error(reseal(bad)).starts_with("bad image: "));
        }
    std::vector<uint8_t> bad = bytes;
    put32(bad, kSegmentCountAt, 0xffffffff);
    CHECK(read_error(reseal(bad)).starts_with("bad image: segment count 4294967295 is impossible"));
}

TEST_CASE("bad lengths and contents are rejected") {
    Image two;
    two.segments = {{0x10, {1, 2, 3, 4}}, {0x12, {5}}};
    CHECK(read_error(write_image(two)) == "bad image: the segments at 0x00000010 and 0x00000012 overlap");

    Image unsorted;  // a writer may list segments in any order; the reader sorts them
    unsorted.segments = {{0x20, {1}}, {0x10, {2}}};
    std::optional<Image> sorted = read_image(write_image(unsorted), nullptr);
    REQUIRE(sorted.has_value());
    CHECK(sorted->segments[0].address == 0x10);

    Image wraps;
    wraps.segments = {{0xfffffffe, {1, 2, 3}}};
    CHECK(read_error(write_image(wraps)) == "bad image: segment at 0xfffffffe of 3 bytes runs past 0xffffffff");

    Image lines;
    lines.files = {"a.s"};
    lines.lines = {{0, 0, 1}, {4, 1, 2}};
    CHECK(read_error(write_image(lines)) == "bad image: line-table entry 1 names file 1, but there are 1 files");
    lines.lines = {{4, 0, 1}, {0, 0, 2}};
    CHECK(read_error(write_image(lines)) == "bad image: the line table is not sorted by address at entry 1");

    Image odd;  // a hand-made image: the assembler never writes one
    odd.segments = {{0, {0, 0, 0, 0x64, 0, 0, 0, 0x64, 0, 0}}};
    odd.entry = 2;
    CHECK(read_error(write_image(odd)) == "bad image: the entry point 0x00000002 is not a multiple of 4");
    odd.entry = 0xfffffffd;
    CHECK(read_error(write_image(odd)) == "bad image: the entry point 0xfffffffd is not a multiple of 4");

    Image sym;
    sym.symbols = {{"x", 1, SymbolKind::Label}};
    std::vector<uint8_t> kind = write_image(sym);
    kind[kBodyAt] = 7;
    CHECK(read_error(reseal(kind)) == "bad image: symbol 'x' has an unknown kind 7");
    std::vector<uint8_t> name = write_image(sym);
    put32(name, kBodyAt + 5, 0x7fffffff);
    CHECK(read_error(reseal(name)).starts_with("bad image: symbol name runs past the end of the image"));

    Image seg;
    seg.segments = {{0, {1, 2, 3, 4}}};
    std::vector<uint8_t> length = write_image(seg);
    put32(length, kBodyAt + 4, 0xfffffff0);
    CHECK(read_error(reseal(length)).starts_with("bad image: segment data runs past the end of the image"));
}

TEST_CASE("random garbage is never an image") {
    uint32_t x = 12345;
    for (int n = 0; n < 200; ++n) {
        std::vector<uint8_t> junk(static_cast<size_t>(n * 7));
        for (uint8_t& b : junk) b = static_cast<uint8_t>((x = x * 1103515245u + 12345u) >> 16);
        if (junk.size() >= 8) std::copy(image_format::kMagic.begin(), image_format::kMagic.end(), junk.begin());
        read_error(junk);
    }
}
