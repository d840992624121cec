// First divergence between two traces (see compare.hpp).
#include "trace/compare.hpp"

#include <algorithm>

namespace trapvm::trace {

std::optional<size_t> first_divergence(const std::vector<Record>& a, const std::vector<Record>& b) {
    size_t n = std::min(a.size(), b.size());
    for (size_t i = 0; i < n; ++i)
        if (!(a[i] == b[i])) return i;
    if (a.size() != b.size()) return n;
    return std::nullopt;
}

std::string divergence_report(const std::vector<Record>& a, const std::vector<Record>& b, size_t index,
                              const std::string& name_a, const std::string& name_b, size_t context,
                              uint64_t first_index) {
    std::string out = "the traces diverge at record " + std::to_string(first_index + index) + "\n";
    for (size_t i = index > context ? index - context : 0; i < index; ++i) out += "  both:  " + describe(a[i]) + "\n";
    out += "  " + name_a + ": " + (index < a.size() ? describe(a[index]) : "(trace ends)") + "\n";
    out += "  " + name_b + ": " + (index < b.size() ? describe(b[index]) : "(trace ends)") + "\n";
    return out;
}

}  // namespace trapvm::trace
