// From emitted bytes to an Image: segments (checked for overlap), symbols,
// entry point and line table.
#include "assembler/context.hpp"

#include <algorithm>
#include <array>

namespace trapvm::detail {

void emit_bytes(Assembly& a, const Stmt& s, uint64_t offset, std::span<const uint8_t> bytes) {
    if (bytes.empty()) return;
    std::vector<Chunk>& chunks = a.section(s.section).chunks;
    if (chunks.empty() || chunks.back().offset + chunks.back().bytes.size() != offset)
        chunks.push_back({offset, {}, static_cast<size_t>(&s - a.stmts.data())});
    chunks.back().bytes.insert(chunks.back().bytes.end(), bytes.begin(), bytes.end());
}

namespace {

struct Piece {
    uint64_t address;
    SectionId section;
    const Chunk* chunk;
    uint64_t end() const { return address + chunk->bytes.size(); }
};

// Which statement emitted a byte: each section's statements that emit
// bytes, by offset. A section's offsets only grow (.org moves forward), so
// a binary search finds the one; there may be an overlap for every one.
class Emitters {
public:
    explicit Emitters(const Assembly& a) : a_(a) {
        for (size_t i = 0; i < a.stmts.size(); ++i)
            if (a.stmts[i].size > 0) by_offset_[static_cast<size_t>(a.stmts[i].section)].push_back(i);
    }
    size_t at(SectionId id, uint64_t address) const {
        const std::vector<size_t>& list = by_offset_[static_cast<size_t>(id)];
        uint64_t offset = address - a_.sections[static_cast<size_t>(id)].base;
        auto after = std::upper_bound(list.begin(), list.end(), offset,
                                      [&](uint64_t o, size_t i) { return o < a_.stmts[i].offset; });
        return after == list.begin() ? 0 : *std::prev(after);  // (some statement emitted it)
    }

private:
    const Assembly& a_;
    std::array<std::vector<size_t>, 2> by_offset_;
};

// Bytes assembled twice (.data placed over .text): reported at whichever
// of the two statements comes later in the source, naming the other.
void report_overlap(Assembly& a, const Emitters& emitters, const Piece& p, const Piece& q) {
    size_t x = emitters.at(p.section, q.address), y = emitters.at(q.section, q.address);
    const Stmt& later = a.stmts[std::max(x, y)];
    const SourceLine& other = a.source.lines[a.stmts[std::min(x, y)].line];
    uint64_t last = std::min(p.end(), q.end()) - 1;
    const Token& head = later.head_token();
    a.error(later, head.col, head.len,
            "bytes " + hex32(static_cast<uint32_t>(q.address)) + ".." + hex32(static_cast<uint32_t>(last)) +
                " are assembled twice: .text and .data overlap",
            "they are also assembled by " + printable(a.source.files[other.file]) + ":" + std::to_string(other.line));
}

// Both sections' chunks, by address.
std::vector<Piece> pieces(Assembly& a) {
    std::vector<Piece> out;
    for (SectionId id : {SectionId::Text, SectionId::Data})
        for (const Chunk& c : a.section(id).chunks) out.push_back({uint64_t(a.section(id).base) + c.offset, id, &c});
    std::sort(out.begin(), out.end(), [](const Piece& x, const Piece& y) { return x.address < y.address; });
    Emitters emitters(a);
    for (size_t i = 1; i < out.size(); ++i)
        if (out[i - 1].end() > out[i].address) report_overlap(a, emitters, out[i - 1], out[i]);
    return out;
}

// Instructions are words at multiples of 4, and the machine runs from word
// addresses only: an entry point that is not one is no place to start.
void check_entry_aligned(Assembly& a) {
    auto start = a.symbols.find("_start");
    if (start == a.symbols.end()) return;
    const SymbolDef& d = start->second;
    if (d.part >= 0)
        return a.diags.error(d.line, d.col, static_cast<int>(start->first.size()),
                             "the entry point '_start' is a user address of " + part_name(a, d.part),
                             "the machine starts in system mode at a physical address: define _start outside "
                             "'.user' (the kernel enters the user program with rfe)");
    if (d.value.v % 4 == 0) return;
    std::string message = "the entry point '_start' must be word-aligned (a multiple of 4), but it is at " +
                          hex32(static_cast<uint32_t>(d.value.v));
    if (d.line == kNoLine) return a.diags.file_error("<command line>", 0, "-D _start: " + message);
    a.diags.error(d.line, d.col, static_cast<int>(start->first.size()), message,
                  "instructions start at multiples of 4; put '.align 4' before it, or define it in .text");
}

uint32_t entry_point(const Assembly& a) {
    auto start = a.symbols.find("_start");
    if (start != a.symbols.end()) return static_cast<uint32_t>(start->second.value.v);
    if (!a.first_insn) return 0;
    const Section& sec = a.sections[static_cast<size_t>(a.first_insn->first)];
    return static_cast<uint32_t>(sec.base + a.first_insn->second);
}

}  // namespace

std::optional<Image> build_image(Assembly& a) {
    std::vector<Piece> all = pieces(a);
    check_entry_aligned(a);
    if (a.diags.any_errors()) return std::nullopt;
    Image image;
    image.profile = pg32::active_profile().name;
    for (const Piece& p : all) {
        bool touches =
            !image.segments.empty() && image.segments.back().address + image.segments.back().bytes.size() == p.address;
        if (!touches) image.segments.push_back({static_cast<uint32_t>(p.address), {}});
        std::vector<uint8_t>& bytes = image.segments.back().bytes;
        bytes.insert(bytes.end(), p.chunk->bytes.begin(), p.chunk->bytes.end());
    }
    for (const std::string& name : a.symbol_order) {
        const SymbolDef& d = a.symbols.at(name);
        if (d.part < 0) image.symbols.push_back({name, static_cast<uint32_t>(d.value.v), d.kind});
    }
    image.entry = entry_point(a);
    image.files = a.source.files;
    image.lines = std::move(a.lines);
    std::sort(image.lines.begin(), image.lines.end(),
              [](const LineInfo& x, const LineInfo& y) { return x.address < y.address; });
    add_programs(a, image);
    return image;
}

}  // namespace trapvm::detail
