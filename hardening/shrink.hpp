// Shrinking a failing program to a small one that still fails.
//
// Greedy, in the spirit of delta debugging: drop runs of items (halves,
// quarters, ... single items, in the body, loop bodies and functions), then
// simplify what is left (operands to 0 and r0, loops to one pass, branches
// to skip nothing), then switch off the frame's options (timer, interrupts,
// user mode, console input). Each step is kept only if the program still
// fails, so the result fails for the same reason the original did, as long
// as `fails` tests for that reason.
#pragma once

#include "hardening/program.hpp"

#include <functional>

namespace trapvm::hardening {

using Predicate = std::function<bool(const Program&)>;

struct ShrinkResult {
    Program program;
    int attempts = 0;  // how many times `fails` ran
};

ShrinkResult shrink(const Program& failing, const Predicate& fails, int max_attempts = 4000);

}  // namespace trapvm::hardening
