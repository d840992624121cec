// Autograder packages of a lab (labs/README.md, "Packaging").
//
// Gradescope (trapvm lab package LAB --gradescope OUT.zip): a zip with, at
// its root,
//   setup.sh         once, as root, at image build: the Ubuntu packages, then
//                    trapvm built from toolkit/ (only the trapvm target);
//                    lab/tests and lab/solution made unreadable to others
//   run_autograder   per submission: trapvm grade lab /autograder/submission
//                    --format gradescope -o /autograder/results/results.json;
//                    a results.json with the reason even if trapvm cannot run
//   toolkit/         the toolkit's sources (no build folders, no labs)
//   lab/             the lab's folder
//
// PrairieLearn (--prairielearn DIR): an external-grader layout
//   DIR/Dockerfile           the grader image: Ubuntu, the packages, trapvm built
//                            from toolkit/ and installed as /usr/local/bin/trapvm
//   DIR/toolkit/             the sources the image is built from
//   DIR/question/info.json   externalGradingOptions (image, entrypoint, timeout)
//   DIR/question/question.html   a file upload for the lab's files
//   DIR/question/tests/run.sh    the entrypoint: /grade/student graded against
//                                /grade/tests/lab into /grade/results/results.json
//   DIR/question/tests/lab/      the lab's folder
//
// The roots can be moved for tests: AUTOGRADER_ROOT (default /autograder)
// and GRADE_ROOT (default /grade); TRAPVM_PREBUILT=PATH makes setup.sh copy
// a built trapvm instead of building one, TRAPVM_SKIP_APT=1 skips apt-get,
// and TRAPVM=PATH makes run.sh use that trapvm.
#pragma once

#include "grader/spec.hpp"

#include <string>

namespace trapvm::grader {

// The Debian/Ubuntu packages trapvm builds with (both images).
inline constexpr const char* kBuildPackages =
    "cmake ninja-build g++ make libboost-program-options-dev nlohmann-json3-dev doctest-dev libyaml-cpp-dev";

// False with *error.
bool package_gradescope(const Spec& spec, const std::string& zip_path, std::string* error);
bool package_prairielearn(const Spec& spec, const std::string& dir, std::string* error);

}  // namespace trapvm::grader
