// Symbols, source lines and disassembly for trace events (see annotate.hpp).
#include "trace/annotate.hpp"

#include "image/disassembler.hpp"

#include <cstdio>

namespace trapvm::trace {

Annotator::Annotator(const Image* image, CodeMap::ReadWord read) : image_(image), read_(std::move(read)) {
    if (image) map_.emplace(*image);
}

// The entry for rbase, recognising its program again when asked (the
// kernel may have loaded another there since): on each entry to user mode.
Annotator::Loaded& Annotator::loaded(uint32_t rbase, bool recheck) {
    for (Loaded& l : loaded_)
        if (l.rbase == rbase) {
            if (recheck) l.program = map_->recognise(rbase, read_);
            return l;
        }
    if (loaded_.size() == kMaxLoaded) loaded_.erase(loaded_.begin());
    loaded_.push_back({rbase, map_->recognise(rbase, read_)});
    return loaded_.back();
}

// The program running at rbase: the one recognised there, as long as it
// holds the word that ran; else the best of those that do.
const UserProgram* Annotator::user_program(uint32_t pc, std::optional<uint32_t> word, uint32_t rbase) {
    bool entering = !was_user_ || last_rbase_ != rbase;
    Loaded& l = loaded(rbase, entering);
    if (!word) return l.program && pc < l.program->size ? l.program : nullptr;
    if (l.program && map_->holds(*l.program, pc, *word)) return l.program;
    const UserProgram* other = map_->recognise(rbase, pc, *word, read_);
    if (other) l.program = other;
    return other;
}

Annotator::Place Annotator::place(const Record& r, std::optional<uint32_t> word, uint32_t rbase) {
    if (!r.system && map_->has_programs() && read_)
        if (const UserProgram* p = user_program(r.pc, word, rbase)) return {p, r.pc, true};
    uint32_t physical = physical_pc(r.pc, r.system, rbase);
    std::optional<uint32_t> held = image_->word_at(physical);
    return {nullptr, physical, held && (!word || *held == *word)};
}

std::string Annotator::symbol_at(const Place& p) const {
    const Symbol* label = map_->labels(p.program).at_or_before(p.address);  // the first defined at the highest
    if (!label) return "";
    if (p.address == label->value) return label->name;
    char offset[16];
    std::snprintf(offset, sizeof offset, "+0x%x", p.address - label->value);
    return label->name + offset;
}

// "kernel.s:12": the file's base name, so traces do not depend on where
// the program was assembled from.
std::string Annotator::source_at(const Place& p) const {
    const LineInfo* line = map_->line_at(p.program, p.address);
    if (!line || line->file >= image_->files.size()) return "";
    const std::string& path = image_->files[line->file];
    size_t slash = path.find_last_of('/');
    return (slash == std::string::npos ? path : path.substr(slash + 1)) + ":" + std::to_string(line->line);
}

void Annotator::annotate(Event& e, uint32_t rbase) {
    const Record& r = e.record;
    bool step = e.type == Event::Type::Step;
    if (!image_) {
        if (step) e.assembly = disassemble_word(r.word, r.pc);
        return;
    }
    Place where = place(r, step ? std::optional<uint32_t>(r.word) : std::nullopt, rbase);
    was_user_ = !r.system;
    last_rbase_ = rbase;
    if (!step || !where.known) return compute(e, where);
    if (cache_.empty()) cache_.resize(kCacheSize);
    Cached& c = cache_[(where.address >> 2) % kCacheSize];
    if (!c.valid || c.program != where.program || c.address != where.address || c.pc != r.pc || c.word != r.word) {
        compute(e, where);
        c = {true, where.program, where.address, r.pc, r.word, e.assembly, e.symbol, e.source};
        return;
    }
    e.assembly = c.assembly;  // assignments into strings that keep their memory: no allocation
    e.symbol = c.symbol;
    e.source = c.source;
}

void Annotator::compute(Event& e, const Place& where) const {
    const Record& r = e.record;
    // branch targets are named only where the program's addresses are the pc's
    bool named = where.known && (where.program || where.address == r.pc);
    if (e.type == Event::Type::Step)
        e.assembly =
            named ? disassemble_word(r.word, r.pc, map_->labels(where.program)) : disassemble_word(r.word, r.pc);
    e.symbol = where.known ? symbol_at(where) : "";
    e.source = where.known ? source_at(where) : "";
}

}  // namespace trapvm::trace
