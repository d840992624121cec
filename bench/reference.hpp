// The reference interpreter (reference.cpp): a minimal machine for loop (a)
// only, measured side by side with trapvm's core (make bench, trapvm bench).
#pragma once

#include "image/image.hpp"

#include <cstdint>

namespace trapvm::bench {

struct ReferenceResult {
    uint64_t steps = 0;  // instructions retired
    uint32_t a0 = 0;     // loop (a)'s checksum
    bool halted = false;
};

// Runs image (loop (a), or anything made of the same ten instructions) until
// halt, an instruction it does not know, or a bounds fault.
ReferenceResult run_reference(const Image& image, uint32_t memory_size);

}  // namespace trapvm::bench
