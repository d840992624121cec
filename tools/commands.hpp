// The subcommands of trapvm, one source file each (cmd_*.cpp).
#pragma once

#include <string>
#include <vector>

namespace trapvm::cli {

using Args = std::vector<std::string>;

int cmd_asm(const Args& args);        // cmd_asm.cpp
int cmd_disasm(const Args& args);     // cmd_disasm.cpp
int cmd_run(const Args& args);        // cmd_run.cpp
int cmd_trace(const Args& args);      // cmd_trace.cpp
int cmd_diff(const Args& args);       // cmd_diff.cpp
int cmd_debug(const Args& args);      // cmd_debug.cpp
int cmd_bench(const Args& args);      // cmd_bench.cpp
int cmd_grade(const Args& args);      // cmd_grade.cpp
int cmd_lab(const Args& args);        // cmd_lab.cpp
int cmd_grade_job(const Args& args);  // cmd_grade_job.cpp: the grader's runner
int cmd_check(const Args& args);      // cmd_check.cpp: Popek and Goldberg's classes, measured
int cmd_compare(const Args& args);    // cmd_compare.cpp

}  // namespace trapvm::cli
