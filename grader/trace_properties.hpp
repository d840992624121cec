// Properties of one run, checked as it goes (an Observer on the bare
// machine), for the grader's `kind: trace` tests:
//
//   syscalls-return     every `sys` made in user mode returns to epc + 4 with
//                       the caller's registers intact except a0 (the result),
//                       checked at the next instruction that process runs
//                       (processes told apart by rbase; EXIT never returns);
//   calling-convention  across every call (jal/jalr writing ra) the
//                       callee-saved registers (registers.tbl's saved-by
//                       column: sp, s0-s3) are as they were when the callee
//                       returns to the instruction after the call (sp
//                       not as before: "the stack is not balanced").
//
// The first violation of each is kept, in words that name the register,
// the call and the source line.
#pragma once

#include "image/image.hpp"
#include "machine/machine.hpp"
#include "machine/observer.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

struct PropertyVerdict {
    std::string name;
    bool holds = true;
    std::string problem;   // the first violation, one line
    uint64_t checked = 0;  // system calls or calls seen to return
};

class TraceProperties : public Observer {
public:
    // names: the properties to check, as above; image: for labels and lines.
    TraceProperties(const Machine& machine, const Image& image, const std::vector<std::string>& names);

    bool before(uint32_t pc) override;
    void retired(uint32_t pc, uint32_t word) override;
    void trapped(const Trap& trap, uint32_t epc, bool to_monitor) override;

    std::vector<PropertyVerdict> verdicts() const;

private:
    struct PendingSys {
        uint32_t rbase = 0, epc = 0;
        Registers regs{};
    };
    struct Frame {
        uint32_t call_pc = 0, return_pc = 0, callee = 0;
        Registers regs{};
    };
    void check_sys_return(uint32_t pc);
    void check_return(uint32_t pc);
    std::string unbalanced(const std::string& returned, const std::string& callee, uint32_t sp) const;
    uint64_t space() const;                     // the address space running now
    std::string where(uint32_t address) const;  // "main+0x8 (prog.s:12)"
    void fail(PropertyVerdict& v, std::string problem);

    const Machine& machine_;
    const Image& image_;
    LabelIndex labels_;
    std::optional<PropertyVerdict> sys_, calls_;
    std::vector<PendingSys> pending_;
    std::map<uint64_t, std::vector<Frame>> frames_;  // per address space: the system's, each rbase's
    Registers at_before_{};                          // the registers before the instruction now running
    bool user_before_ = false;
    static constexpr size_t kMaxFrames = 1u << 16;  // deeper recursion is not followed
};

}  // namespace trapvm::grader
