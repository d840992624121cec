// Starters from solutions: the markers of labs/README.md.
//
//   # >>> lab traps: save the user's registers (task 2)    opens a region of lab traps
//           csrw scratch, sp                                the solution's lines
//   # --- starter                                           (optional) then the starter's:
//   #|        j    trap_entry_todo                          each line with "#|" and one space removed
//   # <<< lab traps                                         closes it
//
// In C++ the same with //: `// >>> lab monitor: ...`, `// --- starter`,
// `//| ...`, `// <<< lab monitor`. Markers may be indented. Exporting lab X
// for students puts each region of X's starter in place of its solution;
// every other lab's region keeps its solution, and all marker lines go.
// Regions do not nest; an unbalanced or nested marker is an error at
// file:line.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

enum class ExportMode {
    Student,   // lab's regions become their starters
    Solution,  // every region keeps its solution
};

struct MarkerResult {
    std::optional<std::string> text;  // the exported file
    std::vector<std::string> errors;  // "file:line: error: ..."
    int regions = 0;                  // regions of the lab replaced (Student) or kept (Solution)
};

// Exports text (the contents of file, named in errors) for lab. With
// solved_through N > 0, a Student export keeps the solution of the regions
// whose opening line names "(task K)" with K <= N: a student's file after
// task N, to check what a handout says they see then.
MarkerResult export_markers(const std::string& text, const std::string& file, const std::string& lab, ExportMode mode,
                            int solved_through = 0);

}  // namespace trapvm::grader
