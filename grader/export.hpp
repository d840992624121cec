// trapvm lab export: a lab's folder for students, or its solution as a
// submission.
//
//   --student DIR    DIR/FILE for each of lab.yaml's files: the starter (the
//                    lab's marker regions replaced, every other marker line
//                    dropped); DIR/README.md; DIR/tests/ without tests/hidden;
//                    DIR/lab.yaml without the tests students cannot run
//                    (hidden ones, those on tests/hidden or the solution, and
//                    those that depend on them), its points added up again.
//                    Students grade themselves with `trapvm grade DIR DIR`.
//   --solution DIR   DIR/FILE for each file: the solution, markers dropped: a
//                    submission that must score full marks.
#pragma once

#include "grader/markers.hpp"
#include "grader/spec.hpp"

#include <string>
#include <vector>

namespace trapvm::grader {

// Errors (file:line for markers) in *errors; false when there are any.
// solved_through: a Student export with tasks 1..N solved (markers.hpp).
bool export_lab(const Spec& spec, const std::string& dir, ExportMode mode, std::vector<std::string>* errors,
                int solved_through = 0);

// The tests students keep in their lab.yaml (by index in spec.tests).
std::vector<bool> student_tests(const Spec& spec);

}  // namespace trapvm::grader
