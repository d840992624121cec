// A run at full speed: the machine's (or the monitor's) own run loop with no
// observer, as `trapvm run` runs it, in chunks so that the worker hears the
// stop button in between. Nothing is recorded: no timeline, no step back.
// The page's benchmark measures this path (bench/README.md, "The page").
#pragma once

#include "web/api/engine.hpp"

#include <memory>

namespace trapvm::web {

class FastRun {
public:
    // The image of an assembled program and the settings, as Engine takes them.
    ordered_json load(const Image& image, const EngineConfig& config);
    // Runs at most `chunk` more instructions; {"done": bool, "steps": n}.
    ordered_json run(uint64_t chunk);
    // --state-json's object, the end and the console (its last 64 KiB).
    ordered_json state() const;

private:
    bool done() const;
    uint64_t steps() const;

    EngineConfig config_;
    Image image_;
    std::unique_ptr<Machine> machine_;       // bare
    std::unique_ptr<vmm::Monitor> monitor_;  // --vmm
    std::unique_ptr<CaptureSink> console_;
    OutputBudget budget_;
};

}  // namespace trapvm::web
