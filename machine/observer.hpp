// Watching the machine run, one instruction at a time: the hooks the tracer
// and the debugger use.
//
// run(n) is compiled twice from one template: once with NoObserver, whose
// empty inline hooks vanish, and once with Observer, whose virtual hooks are
// called. So tracing costs nothing when it is off.
#pragma once

#include "machine/cpu_state.hpp"

#include <cstdint>

namespace trapvm {

struct Stop;

class Observer {
public:
    static constexpr bool kActive = true;
    virtual ~Observer() = default;

    // The instruction at pc is about to run. Return true to stop before it
    // (run() then returns RunResult::Kind::Break).
    virtual bool before(uint32_t pc) { return (void)pc, false; }
    // Writes made by the instruction now running (r0 writes are not reported).
    virtual void register_written(int reg, uint32_t old_value, uint32_t new_value) {
        (void)reg, (void)old_value, (void)new_value;
    }
    // address as the program sees it; physical after relocation.
    virtual void memory_written(uint32_t address, uint32_t physical, int size, uint32_t old_value, uint32_t new_value) {
        (void)address, (void)physical, (void)size, (void)old_value, (void)new_value;
    }
    virtual void csr_written(pg32::Csr csr, uint32_t old_value, uint32_t new_value) {
        (void)csr, (void)old_value, (void)new_value;
    }
    virtual void port_accessed(uint32_t port, uint32_t value, bool is_write) {
        (void)port, (void)value, (void)is_write;
    }
    // The instruction at pc retired (the writes above belong to it).
    virtual void retired(uint32_t pc, uint32_t word) { (void)pc, (void)word; }
    // A trap: taken by the hardware trap sequence, or handed to the monitor.
    // epc is the address the trap sequence saves.
    virtual void trapped(const Trap& trap, uint32_t epc, bool to_monitor) { (void)trap, (void)epc, (void)to_monitor; }
};

// The observer that is not there. Every hook is an empty inline function.
struct NoObserver {
    static constexpr bool kActive = false;
    bool before(uint32_t) { return false; }
    void register_written(int, uint32_t, uint32_t) {}
    void memory_written(uint32_t, uint32_t, int, uint32_t, uint32_t) {}
    void csr_written(pg32::Csr, uint32_t, uint32_t) {}
    void port_accessed(uint32_t, uint32_t, bool) {}
    void retired(uint32_t, uint32_t) {}
    void trapped(const Trap&, uint32_t, bool) {}
};

}  // namespace trapvm
