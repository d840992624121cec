// Locations and symbols (see locations.hpp).
#include "debugger/locations.hpp"

#include "image/disassembler.hpp"
#include "isa-spec/isa.hpp"

#include <charconv>
#include <cstdio>
#include <limits>

namespace trapvm::debug {

// Only labels can hold bytes that are not printable: the rest of a
// disassembly is plain ASCII without backslashes, which printable() keeps.
std::string disassembly(uint32_t word, uint32_t pc, const Image* image) {
    return printable(disassemble_word(word, pc, image));
}

std::optional<uint64_t> parse_number(std::string_view text) {
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text.remove_prefix(2);
    }
    uint64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value, base);
    if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

namespace {

Location failed(std::string why) { return Location{std::nullopt, std::move(why), ""}; }

// 'text' (built by appending: GCC 12 warns falsely about "'" + std::string(...)).
std::string quote(std::string_view text) {
    std::string q = "'";
    q.append(text);
    return q.append("'");
}

std::string basename(const std::string& path) {
    size_t slash = path.find_last_of('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

// FILE:LINE: the lowest address of the first line at or after LINE that has code.
Location source_line(std::string_view file, uint64_t line, const Image& image) {
    const LineInfo* best = nullptr;
    for (const LineInfo& l : image.lines) {
        if (l.file >= image.files.size() || l.line < line) continue;
        const std::string& name = image.files[l.file];
        if (name != file && basename(name) != file) continue;
        if (!best || l.line < best->line || (l.line == best->line && l.address < best->address)) best = &l;
    }
    if (!best) return failed("no code at or after line " + std::to_string(line) + " of " + quote(file));
    Location where{best->address, "", ""};
    if (best->line != line) where.line_moved = std::string(file) + ":" + std::to_string(best->line);
    return where;
}

// The base of an expression: a number, a symbol or a $register.
Location base_value(std::string_view text, const LocationContext& context) {
    if (std::optional<uint64_t> n = parse_number(text)) {
        if (*n > std::numeric_limits<uint32_t>::max()) return failed(quote(text) + " is above 0xffffffff");
        return Location{static_cast<uint32_t>(*n), "", ""};
    }
    if (text.starts_with('$')) {
        std::string_view name = text.substr(1);
        std::optional<int> reg = name == "pc" ? std::optional<int>(-1) : pg32::register_by_name(name);
        if (!reg) return failed("no register " + quote(name));
        uint32_t value = context.reg(*reg);
        std::optional<uint32_t> physical = context.physical(value);
        if (!physical) return failed(std::string(text) + " = " + hex32(value) + " is outside R: no physical address");
        return Location{*physical, "", ""};
    }
    if (context.image)
        if (const Symbol* s = context.image->find_symbol(text)) return Location{s->value, "", ""};
    return failed("no symbol " + quote(text) + " in the program");
}

}  // namespace

Location resolve_location(std::string_view text, const LocationContext& context) {
    if (text.empty()) return failed("no location given");
    size_t colon = text.rfind(':');
    if (colon != std::string_view::npos && context.image) {
        std::optional<uint64_t> line = parse_number(text.substr(colon + 1));
        if (!line) return failed(quote(text) + ": expected FILE:LINE with a line number");
        return source_line(text.substr(0, colon), *line, *context.image);
    }
    size_t op = text.find_last_of("+-");
    if (op == std::string_view::npos || op == 0) return base_value(text, context);
    std::optional<uint64_t> offset = parse_number(text.substr(op + 1));
    if (!offset) return failed(quote(text) + ": expected a number after " + quote(text.substr(op, 1)));
    Location base = base_value(text.substr(0, op), context);
    if (!base.address) return base;
    uint32_t delta = static_cast<uint32_t>(*offset);
    base.address = text[op] == '+' ? *base.address + delta : *base.address - delta;
    return base;
}

bool Symbols::inside_image(uint32_t physical) const {
    for (const Segment& s : image_->segments)
        if (physical >= s.address && physical - s.address < s.bytes.size()) return true;
    return false;
}

std::string Symbols::label(uint32_t physical) const {
    if (!image_ || !inside_image(physical)) return "";
    const Symbol* s = image_->label_at_or_before(physical);
    if (!s) return "";
    std::string name = printable(s->name);
    return physical == s->value ? name : name + "+" + std::to_string(physical - s->value);
}

std::string Symbols::line(uint32_t physical) const {
    if (!image_) return "";
    const LineInfo* l = image_->line_at(physical);
    if (!l || l->file >= image_->files.size()) return "";
    return printable(image_->files[l->file]) + ":" + std::to_string(l->line);
}

}  // namespace trapvm::debug
