// The classifier's machine work (classify.cpp): one instruction run from a
// state on the real Machine, its result, and the comparisons.
#pragma once

#include "properties/classify.hpp"

#include <array>
#include <cstdint>
#include <vector>

namespace trapvm::properties::classify_detail {

// A small machine: the mode pair sees all of it (R = 0..kMemory, so user
// and system mode translate alike); the location pair puts a kWindow-byte
// window at kBase1 or at kBase2 (R shifted by kBase2 - kBase1).
inline constexpr uint32_t kMemory = 1024;
inline constexpr uint32_t kWindow = 256;
inline constexpr uint32_t kBase1 = 256;
inline constexpr uint32_t kBase2 = 768;

// What one execution did. A trap (tvec is 0) leaves the state as it was.
struct Outcome {
    bool trapped = false;
    Trap trap;
    uint32_t regs[16] = {};
    uint32_t pc = 0;
    PrivRegs priv;
    std::array<uint8_t, kMemory> memory{};
    uint64_t console_out = 0, console_in = 0;  // bytes written, bytes taken
    uint64_t timer = 0;                        // interval, and whether it is set
    uint32_t power = 0;                        // 1 + status once off
    uint32_t run_state = 0;                    // 0 running, 1 waiting (wfi), 2 + StopReason when stopped
};

class Runner {
public:
    explicit Runner(const pg32::ProfileInfo& profile);
    // Runs s.word from s, with memory as given and the word at physical.
    Outcome operator()(const CheckState& s, const std::vector<uint8_t>& memory, uint32_t physical);

private:
    Machine m_;
    std::shared_ptr<InputStream> input_;
};

enum class Compare : uint8_t {
    Mode,            // same state, other mode: all but the mode bit
    LocationUser,    // R shifted in user mode: the windows, and all but R
    LocationSystem,  // R shifted in system mode (no relocation): all but R
    Interrupt,       // user mode, the interrupt-enable bit flipped: all but that bit
};

// Fields in which two results differ, as the comparison asks.
std::vector<FieldDiff> differences(const Outcome& a, const Outcome& b, Compare how);
// Privileged state the execution changed: psw, R, the other csrs, devices,
// the run state.
std::vector<FieldDiff> control_changes(const CheckState& s, const Outcome& o);
// The result as a state (for a control witness).
CheckState state_after(const CheckState& s, const Outcome& o);

}  // namespace trapvm::properties::classify_detail
