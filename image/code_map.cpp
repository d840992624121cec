// Recognising user programs in memory (see code_map.hpp).
#include "image/code_map.hpp"

namespace trapvm {

namespace {

// Up to CodeMap::kSamples addresses of a program's code words, evenly spread.
std::vector<uint32_t> sample_code(const UserProgram& p) {
    std::vector<uint32_t> out;
    size_t n = p.lines.size(), take = std::min(n, CodeMap::kSamples);
    for (size_t i = 0; i < take; ++i) out.push_back(p.lines[i * n / take].address);
    return out;
}

}  // namespace

CodeMap::CodeMap(const Image& image) : image_(image), kernel_labels_(image) {
    for (const UserProgram& p : image.programs) {
        program_labels_.emplace_back(std::span<const Symbol>(p.symbols));
        samples_.push_back(sample_code(p));
        all_.push_back(&p);
    }
}

std::optional<uint32_t> CodeMap::word_at(const UserProgram& program, uint32_t user) const {
    if (user >= program.size || program.size - user < 4) return std::nullopt;
    return image_.word_at(program.address + user);
}

size_t CodeMap::matches(const UserProgram& program, uint32_t rbase, const ReadWord& read) const {
    size_t count = 0;
    for (uint32_t a : samples_[static_cast<size_t>(&program - image_.programs.data())]) {
        std::optional<uint32_t> in_memory = read(rbase + a);
        if (in_memory && in_memory == word_at(program, a)) ++count;
    }
    return count;
}

// The largest share of matching samples wins (compared as fractions: m/n
// against best_m/best_n), then the larger count; more than half must match.
const UserProgram* CodeMap::best(const std::vector<const UserProgram*>& candidates, uint32_t rbase,
                                 const ReadWord& read) const {
    const UserProgram* chosen = nullptr;
    size_t best_m = 0, best_n = 1;
    for (const UserProgram* p : candidates) {
        size_t n = samples_[static_cast<size_t>(p - image_.programs.data())].size();
        if (n == 0) continue;
        size_t m = matches(*p, rbase, read);
        if (2 * m <= n) continue;
        bool better = m * best_n > best_m * n || (m * best_n == best_m * n && m > best_m);
        if (!chosen || better) chosen = p, best_m = m, best_n = n;
    }
    return chosen;
}

const UserProgram* CodeMap::recognise(uint32_t rbase, const ReadWord& read) const { return best(all_, rbase, read); }

const UserProgram* CodeMap::recognise(uint32_t rbase, uint32_t pc, uint32_t word, const ReadWord& read) const {
    std::vector<const UserProgram*> holding;
    for (const UserProgram* p : all_)
        if (holds(*p, pc, word)) holding.push_back(p);
    return holding.empty() ? nullptr : best(holding, rbase, read);
}

const LabelIndex& CodeMap::labels(const UserProgram* program) const {
    return program ? program_labels_[static_cast<size_t>(program - image_.programs.data())] : kernel_labels_;
}

const LineInfo* CodeMap::line_at(const UserProgram* program, uint32_t address) const {
    return program ? program->line_at(address) : image_.line_at(address);
}

}  // namespace trapvm
