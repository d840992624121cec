// The build of a cpp lab's runner (labs/README.md, "C++ labs"): where the
// installed toolkit is, and what a student reads when the build fails.
#pragma once

#include "grader/spec.hpp"

#include <string>

namespace trapvm::grader {

// The installed toolkit of a trapvm at P/bin/trapvm: P, when
// P/lib/cmake/trapvm/trapvmConfig.cmake is there; else "".
std::string installed_prefix(const std::string& trapvm);

// The compiler's first errors in a build's output: from the first line
// that says "error" (with a few lines of context before it, the "In
// function" lines), at most kBuildErrorLines lines and kBuildErrorBytes
// bytes; the whole output, cut, when no line says so. Then, when prefix
// is no installed toolkit, a line saying so (the likely cause). Paths in
// the work folder are shown relative to it.
inline constexpr size_t kBuildErrorLines = 40;
inline constexpr size_t kBuildErrorBytes = 4000;
std::string build_errors(const std::string& out, const std::string& err, const std::string& prefix,
                         const std::string& work);

// The lab's files, for the build's environment: LAB_FILES=a;b (a CMake list).
std::string lab_files_env(const Spec& spec);

}  // namespace trapvm::grader
