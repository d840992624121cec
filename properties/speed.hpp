// Relative speed: the same program bare and under a monitor technique, both
// run without an observer, timed in CPU time in the same process, so that a
// slow day slows both alike. The ratio is a measurement, never asserted by
// a test (trapvm compare shows it; bench/ has the figures of record).
#pragma once

#include "properties/equivalence.hpp"

namespace trapvm::properties {

struct SpeedResult {
    double bare_seconds = 0, vmm_seconds = 0;  // CPU seconds of one run (a mean over several)
    // bare / monitored: 1.0 as fast as bare, 0.5 half as fast.
    double relative() const { return vmm_seconds > 0 ? bare_seconds / vmm_seconds : 0.0; }
};

// setup's program (without companions), bare and with setup.technique,
// each `repetitions` times.
SpeedResult measure_speed(const EquivalenceSetup& setup, int repetitions = 3);

}  // namespace trapvm::properties
