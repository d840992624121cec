// The work folder of one grading run: a copy of the lab's tree with the
// submission's files in place of the solution's (or the solution's own, for
// same_as_solution), in a fresh scratch folder removed at the end.
//
//   WORK/                  the tree's copy (tree: guest-os), or empty
//     kernel/trap.s        a submission file, where its solution is in the tree
//     strings.s            a submission file of a lab without a tree
//     tmp/                 TMPDIR of the children
#pragma once

#include "grader/spec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

class WorkFolder {
public:
    WorkFolder() = default;
    ~WorkFolder();
    WorkFolder(const WorkFolder&) = delete;
    WorkFolder& operator=(const WorkFolder&) = delete;

    // Creates it under scratch ("": $TMPDIR or /tmp), with the tree copied;
    // false with *error.
    bool create(const Spec& spec, const std::string& scratch, const std::string& tag, std::string* error);
    // Copies the submission's files in: each a regular file (no symbolic
    // link), at most kMaxSubmissionFile bytes. Returns one line per file
    // refused or missing.
    std::vector<std::string> place_submission(const Spec& spec, const std::string& submission);
    // Copies the solution's files in; false with *error.
    bool place_solution(const Spec& spec, std::string* error);
    // Gives it to uid (the children's user, when the grader is root).
    void give_to(uint32_t uid, uint32_t gid);

    const std::string& dir() const { return dir_; }
    void keep() { keep_ = true; }

private:
    std::string dir_;
    bool keep_ = false;
};

// Where a submission file goes, relative to the work folder.
std::string place_of(const Spec& spec, const LabFile& file);

// The file of a solution: solution/... in the lab, else a toolkit path.
std::string solution_path(const Spec& spec, const LabFile& file);

}  // namespace trapvm::grader
