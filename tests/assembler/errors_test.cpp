// Golden diagnostics: each errors/NAME.s is assembled and every diagnostic
// it produces, formatted as the student sees it, must equal errors/NAME.err
// exactly (file, line, column, caret, message, notes).
//
// After an intended change to a message, regenerate the .err files with
//   TRAPVM_UPDATE_GOLDEN=1 build/tests/assembler/assembler -tc="*golden*"
// and review the diff like any other change.
#include "asm_test_util.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace asmtest;
namespace fs = std::filesystem;

namespace {

const fs::path kErrors = TRAPVM_SOURCE_DIR "/tests/assembler/errors";

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Runs in the errors folder so that file names in messages are relative,
// the same on every machine.
struct InFolder {
    fs::path old = fs::current_path();
    explicit InFolder(const fs::path& p) { fs::current_path(p); }
    ~InFolder() { fs::current_path(old); }
};

std::vector<std::string> cases() {
    std::vector<std::string> names;
    for (const fs::directory_entry& e : fs::directory_iterator(kErrors))
        if (e.path().extension() == ".s") names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

}  // namespace

TEST_CASE("golden diagnostics for every class of error") {
    InFolder here(kErrors);
    bool update = std::getenv("TRAPVM_UPDATE_GOLDEN") != nullptr;
    std::vector<std::string> names = cases();
    CHECK(names.size() >= 20);
    for (const std::string& name : names) {
        AssembleResult r = assemble_file(name);
        std::string actual = diagnostics_text(r);
        fs::path expected_file = fs::path(name).replace_extension(".err");
        if (update) {
            std::ofstream(expected_file, std::ios::binary) << actual;
            continue;
        }
        INFO("errors/", name);
        REQUIRE_MESSAGE(fs::exists(expected_file), "missing ", expected_file.string());
        CHECK(actual == read(expected_file));
        CHECK(!actual.empty());
        bool has_error = std::any_of(r.diagnostics.begin(), r.diagnostics.end(), [](auto& d) { return !d.warning; });
        CHECK(r.ok() == !has_error);
    }
}

TEST_CASE("every error has a file line and column and a caret under its text") {
    InFolder here(kErrors);
    for (const std::string& name : cases()) {
        for (const Diagnostic& d : assemble_file(name).diagnostics) {
            INFO(format_diagnostic(d));
            CHECK(!d.file.empty());
            CHECK(!d.message.empty());
            if (d.source_line.empty()) continue;  // a whole-file problem (binary data)
            CHECK(d.line > 0);
            CHECK(d.column >= 1);
            CHECK(d.column + d.length - 1 <= static_cast<int>(d.source_line.size()) + 1);
        }
    }
}

TEST_CASE("all errors in a file are reported not just the first") {
    AssembleResult r = assemble_source("ad a0, a1\naddi a0, a0, 99999\nbeq a0, a1, nowhere\n", "t.s");
    CHECK(r.error_count() == 3);
    CHECK(r.diagnostics[0].line == 1);
    CHECK(r.diagnostics[1].line == 2);
    CHECK(r.diagnostics[2].line == 3);
}

TEST_CASE("a binary file gives one error not thousands") {
    std::string junk(100000, '\0');
    AssembleResult r = assemble_source(junk, "junk.s");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].message == "this is not assembly source: it contains binary data (byte 0x00)");
    CHECK(r.diagnostics[0].line == 1);
    CHECK(r.diagnostics[0].column == 1);
}

TEST_CASE("format_diagnostic lays out location caret and notes") {
    Diagnostic d{"p.s", 3, 10, 4, false, "something is wrong", "\taddi a0, nope", "first note\nsecond note"};
    CHECK(format_diagnostic(d) ==
          "p.s:3:10: error: something is wrong\n"
          "    \taddi a0, nope\n"
          "    \t        ^~~~\n"
          "note: first note\n"
          "note: second note\n");
    Diagnostic whole{"p.s", 0, 0, 1, true, "a warning", "", ""};
    CHECK(format_diagnostic(whole) == "p.s: warning: a warning\n");
}

TEST_CASE("format_diagnostic shows control bytes escaped with the caret under the escaped text") {
    // A carriage return in mid-line (only a line end's is dropped) would
    // overwrite the line on a terminal; bytes past ASCII could be controls.
    Diagnostic d{"\x1b[2Jp.s", 1, 14, 3, false, "bad \x07 thing", "\tx: \r\xc3\xa9 \"\\n\" foo", "a note\x1b[0m"};
    CHECK(format_diagnostic(d) ==
          "\\x1b[2Jp.s:1:14: error: bad \\x07 thing\n"
          "    \tx: \\x0d\\xc3\\xa9 \"\\n\" foo\n"
          "    \t                     ^~~\n"
          "note: a note\\x1b[0m\n");
}

TEST_CASE("a long line is shown cut around the caret and says how long it was") {
    std::string line = std::string(1000, 'a') + " bad " + std::string(5000, 'b');
    Diagnostic d{"p.s", 1, 1002, 3, false, "here", line, ""};
    std::string text = format_diagnostic(d);
    INFO(text);
    std::string shown_line = text.substr(text.find('\n') + 1);
    shown_line = shown_line.substr(0, shown_line.find('\n'));
    CHECK(shown_line.size() < 4 + 3 + kMaxShownChars + 3 + 20 + 2);
    CHECK(shown_line.starts_with("    ...a"));
    CHECK(shown_line.ends_with("bbb... (6005 characters)"));
    // the caret sits under "bad", in the shown window
    std::string caret = text.substr(text.find('\n', text.find('\n') + 1) + 1);
    CHECK(shown_line.substr(caret.find('^'), 3) == "bad");
    CHECK(caret.substr(caret.find('^')) == "^~~\n");

    Diagnostic start{"p.s", 1, 1, 1000, false, "here", line, ""};  // marker at the start, cut at the window's end
    std::string first = format_diagnostic(start);
    CHECK(first.find("    aaaa") != std::string::npos);
    CHECK(first.find("^" + std::string(kMaxShownChars - 1, '~') + "\n") != std::string::npos);
}
