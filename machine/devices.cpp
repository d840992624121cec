// Console, timer and power switch (see devices.hpp and pg32-reference.md §6).
#include "machine/devices.hpp"

#include <unistd.h>

#include <cerrno>

namespace trapvm {

using pg32::Port;

std::shared_ptr<InputStream> InputStream::from_bytes(std::string bytes) {
    auto s = std::make_shared<InputStream>();
    s->data_ = std::move(bytes);
    return s;
}

std::shared_ptr<InputStream> InputStream::from_fd(int fd) {
    auto s = std::make_shared<InputStream>();
    s->fd_ = fd;
    s->ended_ = false;
    return s;
}

std::shared_ptr<InputStream> InputStream::none() { return std::make_shared<InputStream>(); }

bool InputStream::has_byte(size_t pos) {
    while (pos >= data_.size() && !ended_ && !interrupted_) {
        if (before_blocking) before_blocking();
        char buf[4096];
        ssize_t n = ::read(fd_, buf, sizeof buf);
        if (n < 0 && errno == EINTR) {
            interrupted_ = stop_waiting && stop_waiting();
            continue;
        }
        if (n <= 0) ended_ = true;  // end of input, or an error: no more bytes either way
        else data_.append(buf, static_cast<size_t>(n));
    }
    return pos < data_.size();
}

void Console::write(uint8_t byte) {
    if (budget && budget->left == 0) {
        budget->exceeded = true;
        return;
    }
    if (budget) --budget->left;
    ++bytes_written;
    if (sink) sink->put(static_cast<char>(byte));
}

uint32_t Console::status() { return input->has_byte(input_pos) ? pg32::CONSOLE_READY : pg32::CONSOLE_ENDED; }

uint32_t Console::read_byte() {
    if (!input->has_byte(input_pos)) return 0xffffffffu;
    return input->byte(input_pos++);
}

void Devices::note_unknown(uint32_t port) {
    for (uint32_t p : unknown_ports)
        if (p == port) return;
    unknown_ports.push_back(port);
}

std::optional<uint32_t> Devices::in(uint32_t port, uint64_t now) {
    switch (static_cast<Port>(port)) {
    case Port::ConsoleOut: return 0;  // write-only
    case Port::ConsoleIn: return console.read_byte();
    case Port::ConsoleStatus: return console.status();
    case Port::ConsoleCtrl: return console.irq_enabled ? pg32::CONSOLE_IRQ_ENABLE : 0;
    case Port::TimerInterval: return timer.interval;
    case Port::TimerStatus: timer.advance(now); return timer.pending ? pg32::TIMER_PENDING : 0;
    case Port::TimerNow: return static_cast<uint32_t>(now);
    case Port::PowerOff: return 0;  // write-only
    }
    note_unknown(port);
    return std::nullopt;
}

bool Devices::out(uint32_t port, uint32_t value, uint64_t now) {
    switch (static_cast<Port>(port)) {
    case Port::ConsoleOut: console.write(static_cast<uint8_t>(value)); return true;
    case Port::ConsoleCtrl: console.irq_enabled = value & pg32::CONSOLE_IRQ_ENABLE; return true;
    case Port::TimerInterval: timer.set_interval(value, now); return true;
    case Port::TimerStatus: timer.pending = false; return true;
    case Port::PowerOff:
        power.off = true;
        power.status = value;
        return true;
    case Port::ConsoleIn:
    case Port::ConsoleStatus:
    case Port::TimerNow: return true;  // read-only: the write does nothing
    }
    note_unknown(port);
    return false;
}

DeviceStop Devices::stop_request() const {
    if (power.off) return DeviceStop::PowerOff;
    if (console.budget && console.budget->exceeded) return DeviceStop::OutputLimit;
    if (console.sink && console.sink->failed()) return DeviceStop::OutputFailed;
    if (console.input->interrupted()) return DeviceStop::Interrupted;
    return DeviceStop::None;
}

}  // namespace trapvm
