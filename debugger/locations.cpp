// Locations and symbols (see locations.hpp).
#include "debugger/locations.hpp"

#include "debugger/world.hpp"
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

Location failed(std::string why) { return Location{std::nullopt, std::move(why), "", {}}; }

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

// The first line at or after LINE of FILE that has code in a line table
// (its lowest address), or null.
const LineInfo* first_code(std::string_view file, uint64_t line, const std::vector<LineInfo>& lines,
                           const Image& image) {
    const LineInfo* best = nullptr;
    for (const LineInfo& l : lines) {
        if (l.file >= image.files.size() || l.line < line) continue;
        const std::string& name = image.files[l.file];
        if (name != file && basename(name) != file) continue;
        if (!best || l.line < best->line || (l.line == best->line && l.address < best->address)) best = &l;
    }
    return best;
}

// A user address as a location: its physical address too while its
// program is the one at R.
Location user_location(std::vector<UserAt> user, const Running& running) {
    Location where;
    for (const UserAt& u : user)
        if (u.program == running.program) where.address = running.rbase + u.address;
    where.user = std::move(user);
    return where;
}

// FILE:LINE: the kernel's code there, else each user program's.
Location source_line(std::string_view file, uint64_t line, const LocationContext& context) {
    const Image& image = *context.image;
    std::string moved = std::string(file) + ":";
    if (const LineInfo* best = first_code(file, line, image.lines, image)) {
        Location where{best->address, "", "", {}};
        if (best->line != line) where.line_moved = moved + std::to_string(best->line);
        return where;
    }
    std::vector<UserAt> user;
    uint32_t found = 0;
    for (const UserProgram& p : image.programs)
        if (const LineInfo* best = first_code(file, line, p.lines, image)) {
            user.push_back({&p, best->address});
            found = best->line;
        }
    if (user.empty()) return failed("no code at or after line " + std::to_string(line) + " of " + quote(file));
    Location where = user_location(std::move(user), context.running);
    if (found != line) where.line_moved = moved + std::to_string(found);
    return where;
}

// A name: the kernel's symbol, else the label of every user program that has it.
Location symbol_value(std::string_view text, const LocationContext& context) {
    if (const Symbol* s = context.image->find_symbol(text)) return Location{s->value, "", "", {}};
    std::vector<UserAt> user;
    for (const UserProgram& p : context.image->programs)
        for (const Symbol& s : p.symbols)
            if (s.name == text) {
                user.push_back({&p, s.value});
                break;
            }
    if (user.empty()) return failed("no symbol " + quote(text) + " in the program");
    return user_location(std::move(user), context.running);
}

// The base of an expression: a number, a symbol or a $register.
Location base_value(std::string_view text, const LocationContext& context) {
    if (std::optional<uint64_t> n = parse_number(text)) {
        if (*n > std::numeric_limits<uint32_t>::max()) return failed(quote(text) + " is above 0xffffffff");
        return Location{static_cast<uint32_t>(*n), "", "", {}};
    }
    if (text.starts_with('@')) {
        std::optional<uint64_t> n = parse_number(text.substr(1));
        if (!n || *n > std::numeric_limits<uint32_t>::max())
            return failed(quote(text) + ": expected @ and a user address (@0x2e4)");
        std::optional<uint32_t> physical =
            context.user_physical ? context.user_physical(static_cast<uint32_t>(*n)) : std::nullopt;
        if (!physical)
            return failed("user address " + hex32(static_cast<uint32_t>(*n)) + " is outside R (at or past rbound)");
        return Location{*physical, "", "", {}};
    }
    if (text.starts_with('$')) {
        std::string_view name = text.substr(1);
        std::optional<int> reg = name == "pc" ? std::optional<int>(-1) : pg32::register_by_name(name);
        if (!reg) return failed("no register " + quote(name));
        uint32_t value = context.reg(*reg);
        std::optional<uint32_t> physical = context.physical(value);
        if (!physical) return failed(std::string(text) + " = " + hex32(value) + " is outside R: no physical address");
        return Location{*physical, "", "", {}};
    }
    if (context.image) return symbol_value(text, context);
    return failed("no symbol " + quote(text) + " in the program");
}

}  // namespace

Location resolve_location(std::string_view text, const LocationContext& context) {
    if (text.empty()) return failed("no location given");
    size_t colon = text.rfind(':');
    if (colon != std::string_view::npos && context.image) {
        std::optional<uint64_t> line = parse_number(text.substr(colon + 1));
        if (!line) return failed(quote(text) + ": expected FILE:LINE with a line number");
        return source_line(text.substr(0, colon), *line, context);
    }
    size_t op = text.find_last_of("+-");
    if (op == std::string_view::npos || op == 0) return base_value(text, context);
    std::optional<uint64_t> offset = parse_number(text.substr(op + 1));
    if (!offset) return failed(quote(text) + ": expected a number after " + quote(text.substr(op, 1)));
    Location base = base_value(text.substr(0, op), context);
    if (!base.address && base.user.empty()) return base;
    uint32_t delta = static_cast<uint32_t>(*offset);
    auto move = [&](uint32_t a) { return text[op] == '+' ? a + delta : a - delta; };
    if (base.address) base.address = move(*base.address);
    for (UserAt& u : base.user) u.address = move(u.address);
    return base;
}

std::string describe_user(std::string_view text, const std::vector<UserAt>& user) {
    std::string names;
    for (const UserAt& u : user) names += (names.empty() ? "" : ", ") + printable(u.program->name);
    return std::string(text) + " (user code of " + names + ")";
}

Symbols::Symbols(const Image* image, const World* world, int vm) : image_(image), world_(world), vm_(vm) {
    if (image_ && !image_->programs.empty()) map_.emplace(*image_);
}

bool Symbols::inside_image(uint32_t physical) const {
    for (const Segment& s : image_->segments)
        if (physical >= s.address && physical - s.address < s.bytes.size()) return true;
    return false;
}

Running Symbols::running() const {
    if (!map_ || !world_) return {};
    uint32_t rbase = world_->cpu(vm_).priv.rbase;
    auto read = [this](uint32_t physical) { return world_->read(vm_, physical, 4); };
    return {map_->recognise(rbase, read), rbase};
}

// Where physical is: in the user program at R, in a user program's bytes
// in the image, or in the image.
std::optional<Symbols::Place> Symbols::place(uint32_t physical) const {
    if (!image_) return std::nullopt;
    if (map_) {
        Running r = running();
        if (r.program && physical >= r.rbase && physical - r.rbase < r.program->size)
            return Place{r.program, physical - r.rbase};
        for (const UserProgram& p : image_->programs)
            if (physical >= p.address && physical - p.address < p.size) return Place{&p, physical - p.address};
    }
    if (!inside_image(physical)) return std::nullopt;
    return Place{nullptr, physical};
}

std::string Symbols::label(uint32_t physical) const {
    std::optional<Place> at = place(physical);
    if (!at) return "";
    const Symbol* s = nullptr;
    if (!at->program) s = image_->label_at_or_before(at->address);
    else if (map_) s = map_->labels(at->program).at_or_before(at->address);
    if (!s) return "";
    std::string name = printable(s->name);
    return at->address == s->value ? name : name + "+" + std::to_string(at->address - s->value);
}

const LineInfo* Symbols::line_info(uint32_t physical) const {
    std::optional<Place> at = place(physical);
    if (!at) return image_ ? image_->line_at(physical) : nullptr;
    const LineInfo* l = at->program ? at->program->line_at(at->address) : image_->line_at(at->address);
    return l && l->file < image_->files.size() ? l : nullptr;
}

std::string Symbols::line(uint32_t physical) const {
    const LineInfo* l = line_info(physical);
    if (!l) return "";
    return printable(image_->files[l->file]) + ":" + std::to_string(l->line);
}

std::string Symbols::disassemble(uint32_t word, uint32_t physical, uint32_t address) const {
    std::optional<Place> at = place(physical);
    if (at && at->program && at->address == address && map_)
        return printable(disassemble_word(word, address, map_->labels(at->program)));
    return disassembly(word, address, physical == address ? image_ : nullptr);
}

}  // namespace trapvm::debug
