// Assembles a guest that sums 1..10 and runs it under the installed monitor:
// prints "a0 = 55" when the headers, the libraries and their links work.
#include "assembler/assembler.hpp"
#include "isa-spec/isa.hpp"
#include "vmm/monitor.hpp"

#include <iostream>

int main() {
    const char* source = R"(
        li   t0, 10
        li   a0, 0
    loop:
        add  a0, a0, t0
        addi t0, t0, -1
        bnez t0, loop
        csrr t1, psw        # privileged: emulated by the monitor
        halt
    )";
    trapvm::AssembleResult r = trapvm::assemble_source(source, "sum.s");
    if (!r.ok()) return std::cerr << "the guest does not assemble\n", 1;
    trapvm::vmm::Monitor monitor(trapvm::vmm::MonitorConfig{}, 1);
    for (const trapvm::Segment& s : r.image->segments) monitor.load(0, s.address, s.bytes);
    monitor.reset(0, r.image->entry);
    monitor.run();
    const trapvm::vmm::Vm& vm = monitor.vms()[0];
    std::cout << "a0 = " << vm.cpu.regs.x[*pg32::register_by_name("a0")] << ", emulated " << vm.stats.interpreted
              << "\n";
    return 0;
}
