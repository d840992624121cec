// Names that are control sequences: an image's labels and file names, and a
// source's file and include-file names, may hold ESC, BEL, CR and bytes
// past ASCII. Whatever trapvm prints as text must show them escaped
// (printable(): "\x1b"), never send them raw to a grader's terminal; the
// JSON Lines trace keeps them exactly, escaped the JSON way.
#include "assembler/assembler.hpp"
#include "image/image.hpp"

#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;
using namespace trapvm;

// ESC [31m (red), BEL, CR, an OSC title sequence, a C1 CSI byte, a backslash.
const std::string kEvil =
    "\x1b[31m\a\r\x1b]0;pwned\a\x9b"
    "2J\\";

std::string read(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Scratch {
    fs::path dir;
    Scratch() {
        std::string pattern = (fs::temp_directory_path() / "trapvm-names-XXXXXX").string();
        dir = ::mkdtemp(pattern.data());
    }
    ~Scratch() { fs::remove_all(dir); }
};

struct Result {
    int status = -1;
    std::string out, err;
};

// Runs `trapvm ARGS` in dir; file names with control bytes are passed
// through files, never through the shell's quoting.
Result run_trapvm(const fs::path& dir, const std::string& args) {
    std::string command = "cd '" + dir.string() + "' && '" TRAPVM_EXE "' " + args + " >out 2>err </dev/null";
    int raw = std::system(command.c_str());
    return {WIFEXITED(raw) ? WEXITSTATUS(raw) : -1, read(dir / "out"), read(dir / "err")};
}

// The first byte a terminal could take as a control (or, unless utf8, that
// is not ASCII), or -1: printable ASCII, tab and newline may be printed.
// JSON Lines may hold UTF-8 (the writer turns bytes that are not UTF-8
// into U+FFFD), but no control byte.
int first_raw_control(const std::string& text, bool utf8) {
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        if (c != '\n' && c != '\t' && (c < 0x20 || c == 0x7f || (c > 0x7f && !utf8))) return static_cast<int>(i);
    }
    return -1;
}

void check_clean(const Result& r, const std::string& what, bool utf8 = false) {
    INFO(what, " stdout:\n", r.out, "\nstderr:\n", r.err);
    CHECK(first_raw_control(r.out, utf8) == -1);
    CHECK(first_raw_control(r.err, false) == -1);
}

// An image whose labels and source file name hold kEvil; the instruction
// at the second label is a breakpoint with no handler: running stops there.
void write_evil_image(const fs::path& path) {
    AssembleResult r = assemble_source("_start: nop\nboom: brk\n", "evil.s");
    REQUIRE(r.ok());
    Image image = *r.image;
    for (Symbol& s : image.symbols) s.name = kEvil + s.name;
    image.files = {kEvil + "evil.s"};
    std::vector<uint8_t> bytes = write_image(image);
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

}  // namespace

TEST_CASE("hostile names in an image are shown escaped by disasm run and trace") {
    Scratch s;
    write_evil_image(s.dir / "evil.img");
    std::string shown = printable(kEvil);

    Result disasm = run_trapvm(s.dir, "disasm evil.img");
    CHECK(disasm.status == 0);
    check_clean(disasm, "disasm");
    CHECK(disasm.out.find("<" + shown + "boom>:") != std::string::npos);

    Result run = run_trapvm(s.dir, "run evil.img");
    CHECK(run.status == 125);  // the unhandled BREAKPOINT at boom
    check_clean(run, "run");
    CHECK(run.err.find("(" + shown + "evil.s:2)") != std::string::npos);

    Result vmm = run_trapvm(s.dir, "run --vmm evil.img");
    CHECK(vmm.status == 125);
    check_clean(vmm, "run --vmm");

    Result trace = run_trapvm(s.dir, "trace evil.img");
    check_clean(trace, "trace");
    CHECK(trace.out.find(shown + "boom") != std::string::npos);

    Result json = run_trapvm(s.dir, "trace evil.img --format jsonl");
    check_clean(json, "trace --format jsonl", true);  // JSON escapes control bytes itself
    CHECK(json.out.find("\\u001b[31m\\u0007\\r\\u001b]0;pwned\\u0007") != std::string::npos);
}

TEST_CASE("hostile file and include names in a source are shown escaped by asm") {
    Scratch s;
    // An include file named with control bytes, holding an error; another
    // that is missing; a line with a carriage return in the middle.
    std::string included = "\x1b[2J\a.inc";
    std::ofstream(s.dir / included) << "        frob a0\n";
    std::ofstream(s.dir / "prog.s") << ".include \"\\x1b[2J\\x07.inc\"\n"
                                       ".include \"\\x1b]0;pwned\\x07gone.inc\"\n"
                                       "_start: halt\rnop\n";
    Result r = run_trapvm(s.dir, "asm prog.s");
    CHECK(r.status == 65);
    check_clean(r, "asm");
    CHECK(r.err.find(printable(included) + ":1:9: error: unknown instruction 'frob'") != std::string::npos);
    CHECK(r.err.find("cannot find include file '\\x1b]0;pwned\\x07gone.inc'") != std::string::npos);
    CHECK(r.err.find("_start: halt\\x0dnop") != std::string::npos);

    // The program file's own name, when it is the hostile one.
    fs::rename(s.dir / "prog.s", s.dir / (kEvil + ".s"));
    std::ofstream(s.dir / "name.txt") << kEvil << ".s";
    Result named = run_trapvm(s.dir, "asm \"$(cat name.txt)\"");
    CHECK(named.status == 65);
    check_clean(named, "asm with a hostile file name");
    CHECK(named.err.find(printable(kEvil + ".s") + ":3:") != std::string::npos);
}
