// From emitted bytes to an Image: segments (checked for overlap), symbols,
// entry point and line table.
#include "assembler/context.hpp"

#include <algorithm>

namespace trapvm::detail {

void emit_bytes(Assembly& a, const Stmt& s, uint64_t offset, std::span<const uint8_t> bytes) {
    if (bytes.empty()) return;
    std::vector<Chunk>& chunks = a.section(s.section).chunks;
    if (chunks.empty() || chunks.back().offset + chunks.back().bytes.size() != offset)
        chunks.push_back({offset, {}, s.line});
    chunks.back().bytes.insert(chunks.back().bytes.end(), bytes.begin(), bytes.end());
}

namespace {

struct Piece {
    uint64_t address;
    const Chunk* chunk;
    uint64_t end() const { return address + chunk->bytes.size(); }
};

std::string where(const Assembly& a, size_t line) {
    const SourceLine& l = a.source.lines[line];
    return a.source.files[l.file] + ":" + std::to_string(l.line);
}

// Both sections' chunks by address; bytes assembled twice are an error,
// reported at whichever of the two comes later in the source.
std::vector<Piece> pieces(Assembly& a) {
    std::vector<Piece> out;
    for (const Section& sec : a.sections)
        for (const Chunk& c : sec.chunks) out.push_back({uint64_t(sec.base) + c.offset, &c});
    std::sort(out.begin(), out.end(), [](const Piece& x, const Piece& y) { return x.address < y.address; });
    for (size_t i = 1; i < out.size(); ++i) {
        const Piece &p = out[i - 1], &q = out[i];
        if (p.end() <= q.address) continue;
        size_t later = std::max(p.chunk->line, q.chunk->line), earlier = std::min(p.chunk->line, q.chunk->line);
        uint64_t last = std::min(p.end(), q.end()) - 1;
        a.diags.error(later, 1, static_cast<int>(a.source.lines[later].text.size()),
                      "bytes " + hex32(static_cast<uint32_t>(q.address)) + ".." + hex32(static_cast<uint32_t>(last)) +
                          " are assembled twice",
                      "they are also assembled by " + where(a, earlier) + " (.text and .data overlap)");
    }
    return out;
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
    if (a.diags.any_errors()) return std::nullopt;
    Image image;
    for (const Piece& p : all) {
        bool touches = !image.segments.empty() &&
                       image.segments.back().address + image.segments.back().bytes.size() == p.address;
        if (!touches) image.segments.push_back({static_cast<uint32_t>(p.address), {}});
        std::vector<uint8_t>& bytes = image.segments.back().bytes;
        bytes.insert(bytes.end(), p.chunk->bytes.begin(), p.chunk->bytes.end());
    }
    for (const std::string& name : a.symbol_order) {
        const SymbolDef& d = a.symbols.at(name);
        image.symbols.push_back({name, static_cast<uint32_t>(d.value.v), d.kind});
    }
    image.entry = entry_point(a);
    image.files = a.source.files;
    image.lines = std::move(a.lines);
    std::sort(image.lines.begin(), image.lines.end(),
              [](const LineInfo& x, const LineInfo& y) { return x.address < y.address; });
    return image;
}

}  // namespace trapvm::detail
