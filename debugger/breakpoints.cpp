// The breakpoint table (see breakpoints.hpp).
#include "debugger/breakpoints.hpp"

#include <algorithm>

namespace trapvm::debug {

const char* Breakpoint::kind_name() const {
    switch (kind) {
    case Kind::Code: return "break";
    case Kind::Trap: return "trap";
    case Kind::Mode: return "mode";
    case Kind::Exit: return "exit";
    case Kind::WatchMemory: return "watch";
    case Kind::WatchRegister: return "watch";
    }
    return "?";
}

int Breakpoints::add(Breakpoint b) {
    b.number = next_++;
    list_.push_back(std::move(b));
    return list_.back().number;
}

bool Breakpoints::remove(int number) {
    auto it = std::find_if(list_.begin(), list_.end(), [&](const Breakpoint& b) { return b.number == number; });
    if (it == list_.end()) return false;
    list_.erase(it);
    return true;
}

const Breakpoint* Breakpoints::code_at(int vm, uint32_t physical) const {
    for (const Breakpoint& b : list_)
        if (b.kind == Breakpoint::Kind::Code && static_cast<size_t>(vm) < b.code.size() &&
            b.code[static_cast<size_t>(vm)] == physical)
            return &b;
    return nullptr;
}

const Breakpoint* Breakpoints::user_code_at(int vm, const UserAt& at) const {
    for (const Breakpoint& b : list_)
        if (b.kind == Breakpoint::Kind::Code && static_cast<size_t>(vm) < b.user.size()) {
            const std::vector<UserAt>& here = b.user[static_cast<size_t>(vm)];
            if (std::find(here.begin(), here.end(), at) != here.end()) return &b;
        }
    return nullptr;
}

bool Breakpoints::any_user_at(int vm, uint32_t pc) const {
    for (const Breakpoint& b : list_)
        if (b.kind == Breakpoint::Kind::Code && static_cast<size_t>(vm) < b.user.size())
            for (const UserAt& u : b.user[static_cast<size_t>(vm)])
                if (u.address == pc) return true;
    return false;
}

bool Breakpoints::has(Breakpoint::Kind kind) const {
    return std::any_of(list_.begin(), list_.end(), [&](const Breakpoint& b) { return b.kind == kind; });
}

}  // namespace trapvm::debug
