// Symbols, source lines and disassembly for trace events (see annotate.hpp).
#include "trace/annotate.hpp"

#include "image/disassembler.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace trapvm::trace {

Annotator::Annotator(const Image* image) : image_(image) {
    if (image) labels_.emplace(*image);
}

std::optional<uint32_t> Annotator::word_at(uint32_t physical) const {
    for (const Segment& s : image_->segments)
        if (physical >= s.address && uint64_t{physical} + 4 <= s.address + uint64_t{s.bytes.size()}) {
            uint32_t word;
            std::memcpy(&word, s.bytes.data() + (physical - s.address), 4);
            return word;
        }
    return std::nullopt;
}

std::string Annotator::symbol_at(uint32_t physical) const {
    const Symbol* found = labels_->at_or_before(physical);  // the first defined at the highest address <= physical
    if (!found) return "";
    const Symbol& label = *found;
    if (physical == label.value) return label.name;
    char offset[16];
    std::snprintf(offset, sizeof offset, "+0x%x", physical - label.value);
    return label.name + offset;
}

// "kernel.s:12": the file's base name, so traces do not depend on where
// the program was assembled from.
std::string Annotator::source_at(uint32_t physical) const {
    const LineInfo* line = image_->line_at(physical);
    if (!line || line->file >= image_->files.size()) return "";
    const std::string& path = image_->files[line->file];
    size_t slash = path.find_last_of('/');
    return (slash == std::string::npos ? path : path.substr(slash + 1)) + ":" + std::to_string(line->line);
}

void Annotator::annotate(Event& e, uint32_t physical) const {
    if (e.type != Event::Type::Step) return compute(e, physical);
    if (cache_.empty()) cache_.resize(kCacheSize);
    Cached& c = cache_[(physical >> 2) % kCacheSize];
    const Record& r = e.record;
    if (!c.valid || c.physical != physical || c.pc != r.pc || c.word != r.word) {
        compute(e, physical);
        c = {true, physical, r.pc, r.word, e.assembly, e.symbol, e.source};
        return;
    }
    e.assembly = c.assembly;  // assignments into strings that keep their memory: no allocation
    e.symbol = c.symbol;
    e.source = c.source;
}

void Annotator::compute(Event& e, uint32_t physical) const {
    const Record& r = e.record;
    std::optional<uint32_t> word = image_ ? word_at(physical) : std::nullopt;
    bool known = word && (e.type != Event::Type::Step || *word == r.word);
    if (e.type == Event::Type::Step)
        // branch targets are named only where program and physical addresses agree
        e.assembly =
            known && physical == r.pc ? disassemble_word(r.word, r.pc, *labels_) : disassemble_word(r.word, r.pc);
    e.symbol = known ? symbol_at(physical) : "";
    e.source = known ? source_at(physical) : "";
}

}  // namespace trapvm::trace
