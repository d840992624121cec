// The end of a run block: what run_block() reports to run_loop() (both
// are Machine's; this header is theirs alone).
#pragma once

#include "machine/machine.hpp"

namespace trapvm {

// How a block ended.
struct BlockEnd {
    enum Kind : uint8_t {
        Budget,      // retired all it was allowed to
        Trapped,     // `trap` happened at pc (nothing retired for it)
        Privileged,  // a privileged instruction (or a psw write) retired: re-check everything
        System,      // stopped before the privileged instruction at pc, to run it outside the block
        Decode,      // stopped before the word at pc: it is not decoded yet
        Break,       // the observer asked to stop before pc
    };
    Kind kind = Budget;
    Trap trap;
};

// What one block did: how many instructions retired, and why it ended.
struct BlockResult {
    uint64_t retired = 0;
    BlockEnd end;
};

}  // namespace trapvm
