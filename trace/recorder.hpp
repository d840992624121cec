// Turns the observer hooks of the machine (or of the monitor's guest view)
// into trace records, one per retired instruction or trap.
#pragma once

#include "machine/observer.hpp"
#include "trace/record.hpp"

#include <functional>

namespace trapvm::trace {

class Recorder : public Observer {
public:
    // psw: where to read the (virtual) mode from: the machine's privileged
    // registers on bare hardware, the virtual CPU's under the monitor.
    // emit: called with each finished record.
    Recorder(const PrivRegs& psw, std::function<void(const Record&)> emit) : priv_(psw), emit_(std::move(emit)) {}

    bool before(uint32_t pc) override;
    void register_written(int reg, uint32_t old_value, uint32_t new_value) override;
    void memory_written(uint32_t address, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) override;
    void port_accessed(uint32_t port, uint32_t value, bool is_write) override;
    void csr_written(pg32::Csr csr, uint32_t old_value, uint32_t new_value) override;
    void retired(uint32_t pc, uint32_t word) override;
    void trapped(const Trap& trap, uint32_t epc, bool to_monitor) override;

    uint64_t steps() const { return steps_; }

private:
    void finish();

    const PrivRegs& priv_;
    std::function<void(const Record&)> emit_;
    Record current_;
    bool started_ = false;
    uint64_t steps_ = 0;
};

}  // namespace trapvm::trace
