// User programs in an image: .user ... .enduser and .incimage (their
// labels and lines in user addresses, their bytes at physical ones), the
// image format's version 2 that keeps them, and the code map that
// recognises a program wherever a kernel copied it. The errors are golden
// (errors/user-programs.s, errors/user-start.s).
#include "asm_test_util.hpp"
#include "image/code_map.hpp"
#include "image/image_format.hpp"

#include <cstring>
#include <filesystem>
#include <fstream>

using namespace asmtest;

namespace {

// A kernel at 0 and, at 0x100, a user program whose labels are user addresses.
const char* const kKernelAndTask = R"(
_start: nop
        .org 0x100
        .user 0x100, task
entry:  li   a0, 1
loop:   addi a0, a0, 1
        bnez a0, loop
        j    done
        .align 16
done:   sys
msg:    .word entry, loop, .
        .enduser
after:  halt
)";

const Symbol* find(const std::vector<Symbol>& symbols, const std::string& name) {
    for (const Symbol& s : symbols)
        if (s.name == name) return &s;
    return nullptr;
}

uint32_t value(const std::vector<Symbol>& symbols, const std::string& name) {
    const Symbol* s = find(symbols, name);
    REQUIRE_MESSAGE(s, "no symbol ", name);
    return s->value;
}

}  // namespace

TEST_CASE("user programs: labels are user addresses and bytes stay at physical ones") {
    Image image = ok(kKernelAndTask);
    REQUIRE(image.programs.size() == 1);
    const UserProgram& task = image.programs[0];
    CHECK(task.name == "task");
    CHECK(task.address == 0x100);
    CHECK(value(task.symbols, "entry") == 0);
    CHECK(value(task.symbols, "loop") == 4);
    CHECK(value(task.symbols, "done") == 16);  // .align aligns user addresses
    CHECK(value(task.symbols, "msg") == 20);
    CHECK(task.size == 32);
    CHECK(words(image, 0x114, 3) == std::vector<uint32_t>{0, 4, 20});  // .word of user labels and '.'
    // The kernel's symbols are not the program's, and the label after .enduser is physical.
    CHECK(find(image.symbols, "entry") == nullptr);
    CHECK(value(image.symbols, "after") == 0x120);
    // Branches are encoded between user addresses: the same offsets as physical ones.
    CHECK(disassemble_word(word_at(image, 0x108), 8) == "bne a0, zero, 0x00000004");
    CHECK(disassemble_word(word_at(image, 0x10c), 12) == "jal zero, 0x00000010");
}

TEST_CASE("user programs: the line table of their code is theirs in user addresses") {
    Image image = ok(kKernelAndTask);
    const UserProgram& task = image.programs[0];
    REQUIRE(task.lines.size() == 5);  // li, addi, bnez, j, sys
    CHECK(task.lines[0].address == 0);
    CHECK(task.lines[0].line == 5);
    CHECK(task.lines[4].address == 16);
    CHECK(task.lines[4].line == 10);
    CHECK(image.line_at(0x100) == nullptr);  // not the kernel's
    CHECK(image.line_at(0x120) != nullptr);  // halt, after .enduser
}

TEST_CASE("user programs: labels on .user and .enduser lines and .org and names") {
    Image image = ok(".org 0x40\nfirst: .user 0x40\n nop\n.org 0x20\nlast: .enduser\n");
    REQUIRE(image.programs.size() == 1);
    CHECK(image.programs[0].name == "user");                // the default name
    CHECK(value(image.programs[0].symbols, "first") == 0);  // a label on .user is the program's first
    CHECK(value(image.symbols, "last") == 0x60);            // .org inside takes a user address
    Image two = ok(".user 0\nnop\n.enduser\n.user 4\n.enduser\n");
    CHECK(two.programs[1].name == "user2");
    CHECK(two.programs[1].size == 0);
}

TEST_CASE("user programs: a branch across user and kernel code is an error but a number is not") {
    CHECK(first_error("k: nop\n.user 4\nj k\n.enduser\n") ==
          "jump target 'k' is a kernel (physical) address, but this j is at a user address of user program 'user'");
    CHECK(first_error(".org 8\n.user 8, t\nu: nop\n.enduser\nbeq a0, a0, u\n") ==
          "branch target 'u' is a user address of user program 't', but this beq is at a kernel (physical) address");
    CHECK(first_error(".user 0, a\nx: nop\n.enduser\n.user 4, b\nj x\n.enduser\n") ==
          "jump target 'x' is a user address of user program 'a', but this j is at a user address of user program "
          "'b'");
    ok(".org 0x100\n.user 0x100\nj 0\n.enduser\n");               // a number: a user address there
    ok(".org 0x100\n.user 0x100\nu: nop\n.enduser\nla t0, u\n");  // la of a user label: its user address
}

TEST_CASE("images with user programs are version 2 and read back whole while others stay version 1") {
    Image image = ok(kKernelAndTask);
    std::vector<uint8_t> bytes = write_image(image);
    CHECK(bytes[8] == image_format::kVersionPrograms);
    std::string error;
    std::optional<Image> back = read_image(bytes, &error);
    INFO(error);
    REQUIRE(back.has_value());
    REQUIRE(back->programs.size() == 1);
    CHECK(back->programs[0].name == "task");
    CHECK(back->programs[0].symbols.size() == image.programs[0].symbols.size());
    CHECK(back->programs[0].lines.size() == image.programs[0].lines.size());
    CHECK(write_image(*back) == bytes);
    CHECK(write_image(ok("nop\n"))[8] == image_format::kVersion);
}

TEST_CASE("bad user program records are rejected") {
    Image image = ok(kKernelAndTask);
    auto error_of = [](const Image& bad) {
        std::string error;
        CHECK_FALSE(read_image(write_image(bad), &error).has_value());
        return error;
    };
    Image far = image;
    far.programs[0].address = 0xfffffff0;
    CHECK(error_of(far) == "bad image: user program 'task': 32 bytes at 0xfffffff0 run past 0xffffffff");
    Image past = image;
    past.programs[0].size = 8;
    CHECK(error_of(past) == "bad image: user program 'task': a line-table entry at 0x00000010 is past its 8 bytes");
    Image file = image;
    file.programs[0].lines[0].file = 9;
    CHECK(error_of(file).starts_with("bad image: user program 'task': line-table entry 0 names file 9"));
    std::vector<uint8_t> bytes = write_image(image);
    bytes.resize(bytes.size() - 20);  // a record cut short
    CHECK_FALSE(read_image(bytes, nullptr).has_value());
}

TEST_CASE("dot incimage includes an image as a user program with its labels and lines") {
    namespace fs = std::filesystem;
    fs::path dir = fs::temp_directory_path() / "trapvm-incimage-test";
    fs::create_directories(dir);
    Image user = ok("_start: call main\n halt\nmain: li a0, 7\n ret\n");
    std::vector<uint8_t> bytes = write_image(user);
    std::ofstream((dir / "prog.img").string(), std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    std::ofstream((dir / "kernel.s").string())
        << "_start: halt\n.data\n.align 16\nimage: .incimage \"prog.img\"\nend:\n";
    AssembleResult r = assemble_file((dir / "kernel.s").string());
    INFO(diagnostics_text(r));
    REQUIRE(r.ok());
    const Image& k = *r.image;
    REQUIRE(k.programs.size() == 1);
    const UserProgram& p = k.programs[0];
    CHECK(p.name == "prog");
    CHECK(p.address == value(k.symbols, "image"));
    CHECK(p.size == value(k.symbols, "end") - p.address);
    CHECK(value(p.symbols, "main") == value(user.symbols, "main"));
    REQUIRE(p.lines.size() == user.lines.size());
    CHECK(k.files[p.lines[0].file] == "test.s");  // the included image's own source file
    CHECK(word_at(k, p.address + 8) == word_at(user, 8));
    // An image that holds user programs cannot be included: they do not nest.
    std::vector<uint8_t> nested = write_image(k);
    std::ofstream((dir / "k.img").string(), std::ios::binary)
        .write(reinterpret_cast<const char*>(nested.data()), static_cast<std::streamsize>(nested.size()));
    std::ofstream((dir / "twice.s").string()) << ".incimage \"k.img\"\n";
    AssembleResult twice = assemble_file((dir / "twice.s").string());
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.diagnostics[0].message == "'k.img' holds user programs of its own: user programs do not nest");
    fs::remove_all(dir);
}

TEST_CASE("the code map recognises a user program wherever its code was copied") {
    // Two programs with the same first routine, as the guest OS's ulib.s makes them.
    Image image = ok(R"(
        .org 0x100
        .user 0x100, small
        li a0, 1
        sys
        .enduser
        .org 0x200
        .user 0x200, big
        li a0, 1
        sys
        li a0, 2
        sys
        .enduser
)");
    CodeMap map(image);
    std::vector<uint8_t> memory(0x4000, 0);
    auto copy = [&](const UserProgram& p, uint32_t to) {
        for (uint32_t i = 0; i < p.size; ++i) memory[to + i] = *byte_at(image, p.address + i);
    };
    CodeMap::ReadWord read = [&](uint32_t a) -> std::optional<uint32_t> {
        if (a + 4 > memory.size()) return std::nullopt;
        uint32_t w;
        std::memcpy(&w, &memory[a], 4);
        return w;
    };
    CHECK(map.recognise(0x1000, read) == nullptr);  // zeroes: nothing there
    copy(image.programs[1], 0x1000);
    copy(image.programs[0], 0x2000);
    CHECK(map.recognise(0x1000, read) == &image.programs[1]);  // big, though small matches its first words too
    CHECK(map.recognise(0x2000, read) == &image.programs[0]);
    uint32_t second_li = word_at(image, 0x208);
    CHECK(map.recognise(0x1000, 8, second_li, read) == &image.programs[1]);
    CHECK(map.recognise(0x2000, 8, second_li, read) == nullptr);  // small does not hold that word
}
