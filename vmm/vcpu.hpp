// The virtual CPU: everything a guest believes is its machine.
//
// Popek and Goldberg's monitor keeps, per virtual machine, the state the
// guest would find in real hardware: its mode, its R, its privileged
// registers. The guest never runs with any of it loaded into the real CPU;
// the real CPU always runs it in user mode with an R the allocator composed.
//
//   virtual CPU (this struct)             real CPU while the guest runs
//   +---------------------------+         +----------------------------+
//   | regs, pc  (saved at exit) | <-----> | regs, pc                   |
//   | priv.psw: virtual mode/IE |         | psw: user mode, IE on      |
//   | priv.rbase/rbound: vR     |  --A--> | rbase/rbound: R composed   |
//   | tvec epc epsw cause ...   |         |   from region and vR       |
//   | devices: virtual console, |         |                            |
//   |   timer, power            |         |                            |
//   | ticks: virtual time       |         |                            |
//   +---------------------------+         +----------------------------+
#pragma once

#include "machine/cpu_state.hpp"
#include "machine/devices.hpp"
#include "machine/machine.hpp"

#include <cstdint>

namespace trapvm::vmm {

struct VirtualCpu {
    Registers regs;        // general registers, saved here at every exit
    uint32_t pc = 0;       // the guest's pc, saved here at every exit
    PrivRegs priv;         // the virtual privileged registers: virtual mode, IE, R, ...
    Devices devices;       // the virtual console, timer and power switch
    uint64_t ticks = 0;    // virtual time: guest instructions retired, plus idle ticks
    uint64_t steps = 0;    // guest instructions retired, run directly or emulated
    bool waiting = false;  // executed wfi; no virtual interrupt pending yet
    Stop stop;             // why the virtual machine stopped (halt, power-off, ...)

    bool system_mode() const { return priv.system_mode(); }
};

}  // namespace trapvm::vmm
