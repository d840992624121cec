// The guest's console output as the debugger shows it: each line prefixed
// ("| " on the bare machine, "vm1| " under the monitor) so that it cannot be
// mistaken for the debugger's own output, and every byte printed once only.
//
// Going back in time and running forward again replays output the user has
// already seen; the tap knows the console's byte position (Console::
// bytes_written, restored with every checkpoint) and prints only bytes past
// the furthest position ever printed.
#pragma once

#include "machine/devices.hpp"

#include <cstdint>
#include <ostream>
#include <string>

namespace trapvm::debug {

class ConsoleTap : public OutputSink {
public:
    ConsoleTap(std::string prefix, std::ostream& out) : prefix_(std::move(prefix)), out_(out) {}

    void put(char byte) override;
    // Prints a partial line (the debugger is about to print something).
    void flush() override;
    // The console is back at byte `position` (a checkpoint was restored).
    void rewind(uint64_t position) { cursor_ = position; }
    // While muted, new bytes are not printed, nor counted as printed: the
    // timeline runs an instruction ahead only to take it back (a replay
    // prints them when the run really gets there).
    void mute(bool on) { muted_ = on; }
    uint64_t printed() const { return printed_; }

private:
    std::string prefix_;
    std::ostream& out_;
    std::string line_;
    uint64_t cursor_ = 0;   // position of the next byte the guest writes
    uint64_t printed_ = 0;  // bytes printed so far: positions [0, printed_)
    bool muted_ = false;
};

}  // namespace trapvm::debug
