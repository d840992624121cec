// The readable trace: one line per instruction, for an 80-column terminal.
//
//      step md pc        instruction             symbol          source
//        12 S  0000002c  addi t0, t0, 4          _start+0x2c     kernel.s:21
//                        t0: 00000108 -> 0000010c
//        57 vU 00000010  ==> trap SYSCALL        user+0x10       kernel.s:90
//           >> exit SYSCALL: reflect; real R base 00100000 bound 00100000
//           >>   psw: 00000002 -> 00000001 (U,IE -> S)   epc: ...
//
// Guest records start with their step number; their effects (register,
// memory, csr writes, port accesses; old -> new) follow on indented lines.
// Monitor events start with ">>", idle time with "..", the end with "==".
// trace/FORMAT.md shows a full example.
#pragma once

#include "trace/event.hpp"
#include "trace/out_buffer.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace trapvm::trace {

class TextFormat {
public:
    // vmm: modes are virtual ("vS"); several_vms: lines name their VM.
    TextFormat(bool vmm, bool several_vms) : vmm_(vmm), several_(several_vms) {}
    explicit TextFormat(const Header& h) : TextFormat(h.vmm, h.programs.size() > 1) {}

    // The comment lines that open a trace ("# ...").
    std::string header(const Header& h) const;
    // One event: one or more lines, each ending in '\n'.
    std::string format(const Event& e) const;
    // The same lines, appended to out (the trace writer's way: no
    // allocation for instructions and traps).
    void append(OutBuffer& out, const Event& e) const;

private:
    void put_guest_lines(OutBuffer& out, const Event& e) const;
    std::string_view columns(const Event& e) const;
    void put_lead(OutBuffer& out, const Event& e) const;  // step, mode and pc columns
    std::string monitor_line(const Event& e) const;
    std::string who(const Event& e) const;  // "vm1 " in traces of several VMs

    bool vmm_, several_;

    // Formatting state: what makes format() fast, not what it writes. So
    // one TextFormat is not for several threads at once.
    struct Columns {  // a step's instruction, symbol and source columns, and what they show
        bool valid = false;
        std::string assembly, symbol, source;
        OutBuffer text;
    };
    static constexpr size_t kCacheSize = 1024;  // by word address modulo the size
    mutable std::vector<Columns> cache_;
    mutable OutBuffer scratch_;  // one effect at a time, measured before it is placed
};

// The effects of a record as the format shows them:
// "t0: 00000108 -> 0000010c", "mem[00000ffc] (phys 00008ffc): 0000 -> 1234",
// "psw: 00000001 -> 00000002 (S -> U,IE)", "out CONSOLE_OUT: 00000041 'A'".
std::string format_reg_write(const RegWrite& w);
std::string format_mem_write(const MemWrite& w);
std::string format_csr_write(const CsrWrite& w);
std::string format_port_access(const PortAccess& p);
// "==> trap BOUNDS 00001000", "==> interrupt TIMER".
std::string format_trap(const Trap& t);

// The same, appended to a buffer.
void put_reg_write(OutBuffer& out, const RegWrite& w);
void put_mem_write(OutBuffer& out, const MemWrite& w);
void put_csr_write(OutBuffer& out, const CsrWrite& w);
void put_port_access(OutBuffer& out, const PortAccess& p);
void put_trap(OutBuffer& out, const Trap& t);

}  // namespace trapvm::trace
