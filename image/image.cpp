// Image lookups and the image writer. The reader is in image_reader.cpp.
#include "image/image.hpp"

#include "image/image_format.hpp"
#include "isa-spec/isa.hpp"

#include <algorithm>

namespace trapvm {

namespace image_format {

namespace {
constexpr std::array<uint32_t, 256> make_crc_table() {
    std::array<uint32_t, 256> table{};
    for (uint32_t i = 0; i < 256; ++i) {
        uint32_t c = i;
        for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    return table;
}
constexpr std::array<uint32_t, 256> kCrcTable = make_crc_table();
}  // namespace

uint32_t crc32(std::span<const uint8_t> bytes) {
    uint32_t c = 0xffffffffu;
    for (uint8_t b : bytes) c = kCrcTable[(c ^ b) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

}  // namespace image_format

const Symbol* Image::label_at_or_before(uint32_t address) const {
    const Symbol* best = nullptr;
    for (const Symbol& s : symbols) {
        if (s.kind != SymbolKind::Label || s.value > address) continue;
        if (!best || s.value > best->value) best = &s;
    }
    return best;
}

LabelIndex::LabelIndex(const Image& image) : LabelIndex(std::span<const Symbol>(image.symbols)) {}

LabelIndex::LabelIndex(std::span<const Symbol> symbols) {
    for (const Symbol& s : symbols)
        if (s.kind == SymbolKind::Label) labels_.push_back(&s);
    // stable: of several labels at one address the first defined stays first
    std::stable_sort(labels_.begin(), labels_.end(),
                     [](const Symbol* a, const Symbol* b) { return a->value < b->value; });
}

const Symbol* LabelIndex::at_or_before(uint32_t address) const {
    auto after = std::upper_bound(labels_.begin(), labels_.end(), address,
                                  [](uint32_t a, const Symbol* s) { return a < s->value; });
    if (after == labels_.begin()) return nullptr;
    uint32_t highest = (*std::prev(after))->value;  // the first defined of the labels there
    return *std::lower_bound(labels_.begin(), after, highest, [](const Symbol* s, uint32_t a) { return s->value < a; });
}

const Symbol* LabelIndex::at(uint32_t address) const {
    const Symbol* s = at_or_before(address);
    return s && s->value == address ? s : nullptr;
}

std::string printable(std::string_view text) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
            out += c;
            continue;
        }
        out += "\\x";
        out += kHex[byte >> 4];
        out += kHex[byte & 15];
    }
    return out;
}

const Symbol* Image::find_symbol(std::string_view name) const {
    for (const Symbol& s : symbols)
        if (s.name == name) return &s;
    return nullptr;
}

const LineInfo* line_in(std::span<const LineInfo> lines, uint32_t address) {
    auto it = std::lower_bound(lines.begin(), lines.end(), address,
                               [](const LineInfo& l, uint32_t a) { return l.address < a; });
    if (it == lines.end() || it->address != address) return nullptr;
    return &*it;
}

const LineInfo* Image::line_at(uint32_t address) const { return line_in(lines, address); }
const LineInfo* UserProgram::line_at(uint32_t user) const { return line_in(lines, user); }

std::optional<uint32_t> Image::word_at(uint32_t address) const {
    auto after = std::upper_bound(segments.begin(), segments.end(), address,
                                  [](uint32_t a, const Segment& s) { return a < s.address; });
    if (after == segments.begin()) return std::nullopt;
    const Segment& s = *std::prev(after);
    if (uint64_t{address} + 4 > s.address + uint64_t{s.bytes.size()}) return std::nullopt;
    const uint8_t* b = s.bytes.data() + (address - s.address);
    return b[0] | (b[1] << 8) | (b[2] << 16) | (static_cast<uint32_t>(b[3]) << 24);
}

namespace {

// Appends little-endian fields to a byte vector.
struct ByteWriter {
    std::vector<uint8_t> out;
    void u8(uint8_t v) { out.push_back(v); }
    void u32(uint32_t v) {
        for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
    }
    void bytes(std::span<const uint8_t> b) { out.insert(out.end(), b.begin(), b.end()); }
    void string(const std::string& s) {
        u32(static_cast<uint32_t>(s.size()));
        out.insert(out.end(), s.begin(), s.end());
    }
    void patch_u32(size_t at, uint32_t v) {
        for (int i = 0; i < 4; ++i) out[at + i] = static_cast<uint8_t>(v >> (8 * i));
    }
};

constexpr size_t kSizeField = 12;  // offset of the total-size field in the header

void write_symbols(ByteWriter& w, const std::vector<Symbol>& symbols) {
    for (const Symbol& s : symbols) {
        w.u8(static_cast<uint8_t>(s.kind));
        w.u32(s.value);
        w.string(s.name);
    }
}

void write_lines(ByteWriter& w, const std::vector<LineInfo>& lines) {
    for (const LineInfo& l : lines) {
        w.u32(l.address);
        w.u32(l.file);
        w.u32(l.line);
    }
}

void write_program(ByteWriter& w, const UserProgram& p) {
    w.string(p.name);
    w.u32(p.address);
    w.u32(p.size);
    w.u32(static_cast<uint32_t>(p.symbols.size()));
    w.u32(static_cast<uint32_t>(p.lines.size()));
    write_symbols(w, p.symbols);
    write_lines(w, p.lines);
}

}  // namespace

// An image of pg32 without user programs is written as version 1, byte for
// byte what every earlier trapvm wrote and reads (image_format.hpp).
std::vector<uint8_t> write_image(const Image& image) {
    bool programs = !image.programs.empty();
    ByteWriter w;
    w.bytes(image_format::kMagic);
    bool base = image.profile == pg32::base_profile().name;
    w.u32(!base      ? image_format::kVersionWithProfile
          : programs ? image_format::kVersionPrograms
                     : image_format::kVersion);
    w.u32(0);  // total size, patched below
    w.u32(image.entry);
    w.u32(static_cast<uint32_t>(image.segments.size()));
    w.u32(static_cast<uint32_t>(image.symbols.size()));
    w.u32(static_cast<uint32_t>(image.files.size()));
    w.u32(static_cast<uint32_t>(image.lines.size()));
    if (programs || !base) w.u32(static_cast<uint32_t>(image.programs.size()));
    for (const Segment& s : image.segments) {
        w.u32(s.address);
        w.u32(static_cast<uint32_t>(s.bytes.size()));
        w.bytes(s.bytes);
    }
    write_symbols(w, image.symbols);
    for (const std::string& f : image.files) w.string(f);
    write_lines(w, image.lines);
    for (const UserProgram& p : image.programs) write_program(w, p);
    if (!base) w.string(image.profile);
    w.patch_u32(kSizeField, static_cast<uint32_t>(w.out.size() + image_format::kChecksumSize));
    w.u32(image_format::crc32(w.out));
    return std::move(w.out);
}

bool looks_like_image(std::span<const uint8_t> bytes) {
    return bytes.size() >= image_format::kMagic.size() &&
           std::equal(image_format::kMagic.begin(), image_format::kMagic.end(), bytes.begin());
}

}  // namespace trapvm
