// The markers exporter: starters replace the lab's regions, other labs keep
// their solutions, marker lines go, errors point at the line.
#include "grader/markers.hpp"

#include <doctest/doctest.h>

using trapvm::grader::export_markers;
using trapvm::grader::ExportMode;

namespace {

const char* const kTwoLabs =
    "start:\n"
    "# >>> lab traps: save (task 2)\n"
    "    csrw scratch, sp\n"
    "# --- starter\n"
    "#|     j    todo\n"
    "# <<< lab traps\n"
    "    # >>> lab sched: pick\n"
    "    call pick\n"
    "    # <<< lab sched\n"
    "end:\n";

}  // namespace

TEST_CASE("a student export puts the starter in place of the lab's regions and keeps other labs' solutions") {
    auto r = export_markers(kTwoLabs, "trap.s", "traps", ExportMode::Student);
    REQUIRE(r.text);
    CHECK(*r.text == "start:\n    j    todo\n    call pick\nend:\n");
    CHECK(r.regions == 1);
    auto s = export_markers(kTwoLabs, "trap.s", "sched", ExportMode::Student);
    REQUIRE(s.text);
    CHECK(*s.text == "start:\n    csrw scratch, sp\nend:\n");  // sched's region has no starter: nothing
}

TEST_CASE("a student export after task N keeps the solution of tasks 1..N only") {
    const char* tasks =
        "# >>> lab asm: one (task 1)\nsolved1\n# --- starter\n#| todo1\n# <<< lab asm\n"
        "# >>> lab asm: two (task 2)\nsolved2\n# --- starter\n#| todo2\n# <<< lab asm\n"
        "# >>> lab asm: no task\nsolved\n# --- starter\n#| todo\n# <<< lab asm\n";
    auto none = export_markers(tasks, "a.s", "asm", ExportMode::Student);
    REQUIRE(none.text);
    CHECK(*none.text == "todo1\ntodo2\ntodo\n");
    auto one = export_markers(tasks, "a.s", "asm", ExportMode::Student, 1);
    REQUIRE(one.text);
    CHECK(*one.text == "solved1\ntodo2\ntodo\n");  // a region without "(task N)" stays a starter
    auto all = export_markers(tasks, "a.s", "asm", ExportMode::Student, 9);
    REQUIRE(all.text);
    CHECK(*all.text == "solved1\nsolved2\ntodo\n");
    CHECK(all.regions == 3);
}

TEST_CASE("a solution export keeps every solution and drops every marker line") {
    auto r = export_markers(kTwoLabs, "trap.s", "traps", ExportMode::Solution);
    REQUIRE(r.text);
    CHECK(*r.text == "start:\n    csrw scratch, sp\n    call pick\nend:\n");
}

TEST_CASE("C++ markers use //") {
    auto r = export_markers(
        "int f() {\n    // >>> lab monitor: f\n    return 1;\n    // --- starter\n    //|     return 0;  // TODO\n    "
        "// <<< lab monitor\n}\n",
        "f.cpp", "monitor", ExportMode::Student);
    REQUIRE(r.text);
    CHECK(*r.text == "int f() {\n    return 0;  // TODO\n}\n");
}

TEST_CASE("unbalanced and nested markers are errors at file:line") {
    auto nested = export_markers("# >>> lab a: x\n# >>> lab b: y\n# <<< lab b\n", "k.s", "a", ExportMode::Student);
    CHECK(!nested.text);
    REQUIRE(!nested.errors.empty());
    CHECK(nested.errors[0] ==
          "k.s:2: error: a region of lab b opens inside the region of lab a opened at line 1: regions do not nest");
    auto unclosed = export_markers("x\n# >>> lab a: x\ny\n", "k.s", "a", ExportMode::Student);
    REQUIRE(!unclosed.errors.empty());
    CHECK(unclosed.errors.back() == "k.s:2: error: the region of lab a opened here is never closed: add '<<< lab a'");
    auto stray = export_markers("# <<< lab a\n", "k.s", "a", ExportMode::Student);
    CHECK(stray.errors.at(0) == "k.s:1: error: '<<< lab a' closes no region (none is open)");
    auto wrong = export_markers("# >>> lab a: x\n# <<< lab b\n", "k.s", "a", ExportMode::Student);
    CHECK(wrong.errors.at(0).find("k.s:2: error: '<<< lab b' closes the region of lab a opened at line 1") == 0);
    auto bare =
        export_markers("# >>> lab a: x\n# --- starter\n    li a0, 1\n# <<< lab a\n", "k.s", "a", ExportMode::Student);
    CHECK(bare.errors.at(0).find("k.s:3: error: after '--- starter' every line") == 0);
}
