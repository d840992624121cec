// Where labs are: `trapvm grade LAB` takes a lab folder, or a lab's name
// looked up in, in order: --labs DIR, $TRAPVM_LABS, the labs/ folder of the
// source tree trapvm was built from, and ../share/trapvm/labs next to an
// installed trapvm.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

// The folders searched for lab names, given --labs ("" when not given).
std::vector<std::string> lab_folders(const std::string& labs_option);

// A lab folder (holding lab.yaml) for name_or_path; nothing, with *error
// saying where it looked.
std::optional<std::string> find_lab(const std::string& name_or_path, const std::vector<std::string>& folders,
                                    std::string* error);

// Every lab folder (a subfolder with a lab.yaml) of the first folder that has any.
std::vector<std::string> all_labs(const std::vector<std::string>& folders);

// This program's own path (/proc/self/exe), the runner of asm labs.
std::string self_path();

}  // namespace trapvm::grader
