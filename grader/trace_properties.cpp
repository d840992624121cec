// syscalls-return and calling-convention, as a run goes (see
// trace_properties.hpp).
#include "grader/trace_properties.hpp"

#include "isa-spec/hex.hpp"
#include "isa-spec/isa.hpp"

#include <algorithm>

namespace trapvm::grader {

TraceProperties::TraceProperties(const Machine& machine, const Image& image, const std::vector<std::string>& names)
    : machine_(machine), image_(image), labels_(image) {
    for (const std::string& n : names) {
        if (n == "syscalls-return") sys_ = PropertyVerdict{.name = n};
        if (n == "calling-convention") calls_ = PropertyVerdict{.name = n};
    }
}

std::vector<PropertyVerdict> TraceProperties::verdicts() const {
    std::vector<PropertyVerdict> out;
    if (sys_) out.push_back(*sys_);
    if (calls_) out.push_back(*calls_);
    return out;
}

uint64_t TraceProperties::space() const { return machine_.priv().system_mode() ? UINT64_MAX : machine_.priv().rbase; }

std::string TraceProperties::where(uint32_t address) const {
    bool user = !machine_.priv().system_mode();
    uint32_t physical = user ? address + machine_.priv().rbase : address;
    std::string text = pg32::hex32(address);
    // A symbol names the address only where the image put bytes: a kernel
    // that copies a user program elsewhere (the guest OS) runs it where the
    // image has no labels, and the nearest one before would mislead.
    bool in_image = std::any_of(image_.segments.begin(), image_.segments.end(), [&](const Segment& s) {
        return physical >= s.address && physical - s.address < s.bytes.size();
    });
    if (const Symbol* s = in_image ? labels_.at_or_before(physical) : nullptr) {
        uint32_t offset = physical - s->value;
        text = printable(s->name);
        if (offset) text.append(1, '+').append(pg32::hex(offset));
    }
    if (const LineInfo* line = image_.line_at(physical); line && line->file < image_.files.size())
        text += " (" + printable(image_.files[line->file]) + ":" + std::to_string(line->line) + ")";
    return text;
}

void TraceProperties::fail(PropertyVerdict& v, std::string problem) {
    if (!v.holds) return;  // the first violation is the one to fix
    v.holds = false;
    v.problem = std::move(problem);
}

bool TraceProperties::before(uint32_t pc) {
    if (sys_ && !machine_.priv().system_mode()) check_sys_return(pc);
    if (calls_) check_return(pc);
    at_before_ = machine_.regs();
    user_before_ = !machine_.priv().system_mode();
    return false;
}

void TraceProperties::retired(uint32_t pc, uint32_t word) {
    if (!calls_) return;
    std::optional<pg32::Decoded> d = pg32::decode(word);
    if (!d || d->rd != pg32::Reg::Ra || (d->op != pg32::Op::Jal && d->op != pg32::Op::Jalr)) return;
    std::vector<Frame>& stack = frames_[space()];
    if (stack.size() >= kMaxFrames) return;
    uint32_t callee = d->op == pg32::Op::Jal ? pc + static_cast<uint32_t>(d->imm)
                                             : at_before_[d->rs1] + static_cast<uint32_t>(d->imm);
    stack.push_back({.call_pc = pc, .return_pc = pc + pg32::kWordBytes, .callee = callee, .regs = at_before_});
}

void TraceProperties::trapped(const Trap& trap, uint32_t epc, bool) {
    if (!sys_ || trap.cause != pg32::Cause::Syscall || !user_before_) return;
    uint32_t rbase = machine_.priv().rbase;
    std::erase_if(pending_, [&](const PendingSys& p) { return p.rbase == rbase; });
    if (at_before_[pg32::Reg::A4] == static_cast<uint32_t>(pg32::Syscall::Exit)) return;  // EXIT never returns
    pending_.push_back({.rbase = rbase, .epc = epc, .regs = at_before_});
}

void TraceProperties::check_sys_return(uint32_t pc) {
    uint32_t rbase = machine_.priv().rbase;
    auto it = std::find_if(pending_.begin(), pending_.end(), [&](const PendingSys& p) { return p.rbase == rbase; });
    if (it == pending_.end()) return;
    PendingSys sys = *it;
    pending_.erase(it);
    ++sys_->checked;
    const pg32::SyscallInfo* info = pg32::syscall_by_number(sys.regs[pg32::Reg::A4]);
    std::string call = "the sys at " + where(sys.epc) + " (" +
                       (info ? std::string(info->name) : "a4 = " + pg32::hex32(sys.regs[pg32::Reg::A4])) + ")";
    if (pc != sys.epc + pg32::kWordBytes)
        return fail(*sys_, call + " returned to " + pg32::hex32(pc) + ", not to epc + 4 = " +
                               pg32::hex32(sys.epc + pg32::kWordBytes) + ": the handler must add 4 to epc before rfe");
    for (int r = 1; r < pg32::kRegisterCount; ++r)
        if (r != pg32::Reg::A0 && machine_.regs()[r] != sys.regs[r])
            return fail(*sys_, call + " returned with " + pg32::register_name(r) + " = " +
                                   pg32::hex32(machine_.regs()[r]) + ", but it was " + pg32::hex32(sys.regs[r]) +
                                   " before: the trap handler must give back every register but a0 as it found it");
}

void TraceProperties::check_return(uint32_t pc) {
    auto found = frames_.find(space());
    if (found == frames_.end()) return;
    std::vector<Frame>& stack = found->second;
    // Usually the innermost call returns; a frame left by a call that never
    // returned (a jump out) is dropped when an outer one returns.
    size_t depth = 0;
    while (depth < stack.size() && depth < 64 && stack[stack.size() - 1 - depth].return_pc != pc) ++depth;
    if (depth == stack.size() || depth == 64) return;
    Frame frame = stack[stack.size() - 1 - depth];
    stack.resize(stack.size() - 1 - depth);
    ++calls_->checked;
    for (const pg32::RegisterInfo& r : pg32::kRegisters) {
        if (!r.callee_saved || machine_.regs()[r.number] == frame.regs[r.number]) continue;
        std::string callee = where(frame.callee);
        callee = callee.substr(0, callee.find(' '));
        std::string returned = "the call of " + callee + " at " + where(frame.call_pc) + " returned with " +
                               r.names[0] + " = " + pg32::hex32(machine_.regs()[r.number]) + " (it was " +
                               pg32::hex32(frame.regs[r.number]) + " before the call)";
        if (r.number == pg32::Reg::Sp) return fail(*calls_, unbalanced(returned, callee, frame.regs[r.number]));
        return fail(*calls_, std::string(r.names[0]) + " is callee-saved, but " + returned + ": " + callee +
                                 " must save " + r.names[0] + " and restore it before it returns");
    }
}

// sp is callee-saved too, but what went wrong is the stack: say by how much.
std::string TraceProperties::unbalanced(const std::string& returned, const std::string& callee, uint32_t sp) const {
    int32_t moved = static_cast<int32_t>(machine_.regs()[pg32::Reg::Sp] - sp);
    std::string bytes = std::to_string(moved < 0 ? -static_cast<int64_t>(moved) : moved) + " bytes";
    return "the stack is not balanced: sp is callee-saved, but " + returned + ", " + bytes +
           (moved < 0 ? " below: " + callee + " must pop what it pushed"
                      : " above: " + callee + " popped more than it pushed") +
           " before it returns";
}

}  // namespace trapvm::grader
