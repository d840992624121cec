// list_image: what `trapvm disasm` prints. Like objdump -d: each label on
// its own line, then address, word and instruction. A word the line table
// says is code is disassembled; data (no line-table entry) shows as .word,
// so a string is not listed as nonsense instructions. An image without a
// line table has every word decoded, and words that are no instruction
// show as .word. A tail shorter than a word shows as .byte. A user
// program's code (pg32-reference.md §7) is listed at its physical address
// but disassembled at its user address, with its own labels. Labels come
// from the image, which may be anyone's: printable() shows them.
#include "image/disassembler.hpp"

#include <algorithm>
#include <cstdio>

namespace trapvm {
namespace {

std::string format(const char* fmt, uint32_t a, uint32_t b = 0) {
    char buf[64];
    snprintf(buf, sizeof buf, fmt, a, b);
    return buf;
}

uint32_t load_word(const std::vector<uint8_t>& bytes, size_t at) {
    return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (static_cast<uint32_t>(bytes[at + 3]) << 24);
}

struct Label {
    uint32_t address;  // physical
    const std::string* name;
    const UserProgram* program;  // a user program's label (its value is a user address), or null
};

// The kernel's labels and every user program's, by physical address.
std::vector<Label> sorted_labels(const Image& image) {
    std::vector<Label> labels;
    for (const Symbol& s : image.symbols)
        if (s.kind == SymbolKind::Label) labels.push_back({s.value, &s.name, nullptr});
    for (const UserProgram& p : image.programs)
        for (const Symbol& s : p.symbols) labels.push_back({p.address + s.value, &s.name, &p});
    std::stable_sort(labels.begin(), labels.end(),
                     [](const Label& x, const Label& y) { return x.address < y.address; });
    return labels;
}

std::string label_line(const Label& l) {
    std::string text = format("\n%08x <", l.address) + printable(*l.name) + ">";
    if (l.program)
        text += format(" (user 0x%08x in ", l.address - l.program->address) + printable(l.program->name) + ")";
    return text + ":\n";
}

// The user program whose bytes hold address, or null.
const UserProgram* program_at(const Image& image, uint32_t address) {
    for (const UserProgram& p : image.programs)
        if (address >= p.address && address - p.address < p.size) return &p;
    return nullptr;
}

// One word: an instruction where a line table says code is (a user
// program's, at its user address, with its labels), else .word.
std::string word_line(const Image& image, const LabelIndex& index, const std::vector<LabelIndex>& program_labels,
                      uint32_t address, uint32_t word) {
    std::string text;
    if (const UserProgram* p = program_at(image, address)) {
        uint32_t user = address - p->address;
        const LabelIndex& labels = program_labels[static_cast<size_t>(p - image.programs.data())];
        text = p->line_at(user) ? printable(disassemble_word(word, user, labels)) : format(".word 0x%08x", word);
    } else {
        bool code = (image.lines.empty() && image.programs.empty()) || image.line_at(address);
        text = code ? printable(disassemble_word(word, address, index)) : format(".word 0x%08x", word);
    }
    return format("  %08x:  %08x  ", address, word) + text + "\n";
}

// One line for up to four bytes that are not a whole aligned word.
std::string byte_line(uint32_t address, const uint8_t* bytes, size_t n) {
    std::string hex, list;
    for (size_t i = 0; i < n; ++i) {
        hex += format(i ? " %02x" : "%02x", bytes[i]);
        list += format(i ? ", 0x%02x" : "0x%02x", bytes[i]);
    }
    hex.resize(std::max<size_t>(hex.size(), 8), ' ');
    return format("  %08x:  ", address) + hex + "  .byte " + list + "\n";
}

void list_segment(const Image& image, const Segment& seg, const std::vector<Label>& labels, const LabelIndex& index,
                  const std::vector<LabelIndex>& program_labels, std::string& out) {
    uint64_t end = uint64_t(seg.address) + seg.bytes.size();
    out += format("\nsegment 0x%08x..0x%08x (", seg.address, static_cast<uint32_t>(end - 1)) +
           std::to_string(seg.bytes.size()) + " bytes)\n";
    auto next = std::lower_bound(labels.begin(), labels.end(), seg.address,
                                 [](const Label& l, uint32_t a) { return l.address < a; });
    uint64_t at = seg.address;
    while (at < end) {
        for (; next != labels.end() && next->address == at; ++next) out += label_line(*next);
        uint64_t stop = std::min<uint64_t>(end, (at & ~uint64_t{3}) + 4);  // the next word boundary
        if (next != labels.end()) stop = std::min<uint64_t>(stop, next->address);
        size_t i = static_cast<size_t>(at - seg.address);
        if (at % 4 == 0 && stop == at + 4) {
            out += word_line(image, index, program_labels, static_cast<uint32_t>(at), load_word(seg.bytes, i));
        } else {
            out += byte_line(static_cast<uint32_t>(at), &seg.bytes[i], static_cast<size_t>(stop - at));
        }
        at = stop;
    }
}

}  // namespace

std::string list_image(const Image& image) {
    LabelIndex index(image);  // built once: every branch in the listing looks up its target
    const Symbol* start = index.at(image.entry);
    std::string entry = format("0x%08x", image.entry);
    if (start) entry += " <" + printable(start->name) + ">";
    // Labels, not all symbols: the constants of pg32.inc would make the count
    // change whenever the spec tables grow.
    std::vector<Label> labels = sorted_labels(image);
    std::string out = "entry " + entry + ", " + std::to_string(image.segments.size()) + " segment" +
                      (image.segments.size() == 1 ? "" : "s") + ", " + std::to_string(labels.size()) + " label" +
                      (labels.size() == 1 ? "" : "s") + "\n";
    std::vector<LabelIndex> program_labels;
    for (const UserProgram& p : image.programs) program_labels.emplace_back(std::span<const Symbol>(p.symbols));
    for (const UserProgram& p : image.programs)
        out += format("user program ", 0) + printable(p.name) +
               format(": user address 0 at 0x%08x, %u bytes", p.address, p.size) + "\n";
    for (const Segment& seg : image.segments) list_segment(image, seg, labels, index, program_labels, out);
    return out;
}

}  // namespace trapvm
