// The PG32 devices: console, timer and power switch, on I/O ports.
//
// Time is counted in ticks (instructions retired plus idle ticks in wfi), and
// every device method that depends on time takes `now` in ticks. No device
// ever reads the host clock, so every run is deterministic. The monitor gives
// each virtual machine its own Devices, timed on that VM's own ticks: the
// virtual devices are these same models.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "isa-spec/isa.hpp"

namespace trapvm {

// Where console output goes: a terminal, a file, a capture buffer.
class OutputSink {
public:
    virtual ~OutputSink() = default;
    virtual void put(char byte) = 0;
    virtual void flush() {}
    // True once a write failed (a full disk, a closed pipe): the machine
    // stops at the `out` that finds it so, instead of running on unheard.
    virtual bool failed() const { return false; }
};

// How many console bytes a run may still write. Several consoles may share
// one budget (the VMs of one run, which share stdout), so the run stops at
// the very `out` that crosses it, bare, monitored or traced alike.
struct OutputBudget {
    uint64_t left = UINT64_MAX;
    bool exceeded = false;  // an `out` found it spent: that byte was dropped
};

// Keeps all output in memory (tests, the grader, diffs).
class CaptureSink : public OutputSink {
public:
    void put(char byte) override { text += byte; }
    std::string text;
};

// Console input: an append-only byte buffer, filled from a file descriptor on
// demand. Machines copied for checkpoints share it and keep only their own
// read position, so replaying from a checkpoint sees the same bytes.
class InputStream {
public:
    static std::shared_ptr<InputStream> from_bytes(std::string bytes);
    static std::shared_ptr<InputStream> from_fd(int fd);  // reads lazily; blocks for a pipe or terminal
    static std::shared_ptr<InputStream> none();           // input that has already ended

    // Is there a byte at pos? May block until the source delivers one or ends.
    bool has_byte(size_t pos);
    uint8_t byte(size_t pos) const { return static_cast<uint8_t>(data_[pos]); }

    // Called before a read that may block, e.g. to flush console output so a
    // user sees the prompt before typing.
    std::function<void()> before_blocking;
    // Asked when a blocking read is interrupted by a signal: true gives up
    // the wait (Ctrl-C), without ending the input: interrupted() says so.
    std::function<bool()> stop_waiting;
    bool interrupted() const { return interrupted_; }

private:
    std::string data_;
    int fd_ = -1;
    bool ended_ = true;
    bool interrupted_ = false;
};

class Console {
public:
    OutputSink* sink = nullptr;      // null: output is dropped
    OutputBudget* budget = nullptr;  // null: no limit
    uint64_t bytes_written = 0;
    std::shared_ptr<InputStream> input = InputStream::none();
    size_t input_pos = 0;
    bool irq_enabled = false;

    void write(uint8_t byte);
    uint32_t status();     // CONSOLE_READY | CONSOLE_ENDED
    uint32_t read_byte();  // the next byte, or 0xffffffff if none is ready
    bool irq_pending() { return irq_enabled && status() != 0; }
};

class Timer {
public:
    static constexpr uint64_t kNever = UINT64_MAX;
    uint32_t interval = 0;
    uint64_t next = kNever;  // tick at which the next interrupt becomes pending
    bool pending = false;

    void set_interval(uint32_t n, uint64_t now) {
        interval = n;
        next = n ? now + n : kNever;
    }
    // Time has reached `now`: raise the interrupt if the interval expired.
    // (Inline, as the next two: the monitor asks at every exit.)
    void advance(uint64_t now) {
        if (now < next) return;
        pending = true;
        next += ((now - next) / interval + 1) * interval;  // several expiries while idle make one
    }
};

struct Power {
    bool off = false;
    uint32_t status = 0;
};

// Why a device wants the machine stopped after an `in` or `out`.
enum class DeviceStop : uint8_t { None, PowerOff, OutputLimit, OutputFailed, Interrupted };

// The devices together, as the ports see them.
class Devices {
public:
    Console console;
    Timer timer;
    Power power;
    std::vector<uint32_t> unknown_ports;  // used ports no device owns, in order of first use

    // Checked after every `in` and `out`, bare and emulated alike: the
    // machine (or VM) stops at that instruction, which retires.
    DeviceStop stop_request() const;

    // `in`: the port's value, or nothing for a port no device owns.
    std::optional<uint32_t> in(uint32_t port, uint64_t now);
    // `out`: false for a port no device owns (the write does nothing).
    bool out(uint32_t port, uint32_t value, uint64_t now);

    // The pending interrupt the CPU would take (TIMER before CONSOLE).
    std::optional<pg32::Cause> pending_interrupt(uint64_t now) {
        timer.advance(now);
        if (timer.pending) return pg32::Cause::Timer;
        if (console.irq_pending()) return pg32::Cause::Console;
        return std::nullopt;
    }
    // Could an interrupt ever become pending? (wfi without one is a deadlock.)
    bool interrupt_possible() const { return timer.next != Timer::kNever || console.irq_enabled; }

private:
    void note_unknown(uint32_t port);
};

}  // namespace trapvm
