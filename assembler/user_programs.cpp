// User programs in an image (pg32-reference.md §7): `.user BASE[, NAME]`
// ... `.enduser` assembles one in this file, `.incimage "FILE"` includes one
// assembled on its own. Either way the image records its labels and line
// table in user addresses, so the trace and the debugger name its code
// wherever a kernel runs it (image/code_map.hpp).
//
//          .org  0x4000
//          .user 0x4000, task     physical 0x4000 = user address 0
//   entry: li    a0, 1            'entry' = 0, 'msg' = 8: user addresses
//          sys
//   msg:   .asciz "hi"
//          .enduser               labels are physical again
#include "assembler/context.hpp"
#include "assembler/preprocess.hpp"

#include <algorithm>

namespace trapvm::detail {

namespace {

constexpr int64_t kMax32 = (int64_t{1} << 32) - 1;

void error_at(Assembly& a, const Stmt& s, std::span<const Token> toks, std::string msg, std::string note = {}) {
    a.error(s, toks.front().col, span_len(toks), std::move(msg), std::move(note));
}

void error_at_head(Assembly& a, const Stmt& s, std::string msg, std::string note = {}) {
    a.error(s, s.head_token().col, s.head_token().len, std::move(msg), std::move(note));
}

// "count.s:12": where a statement is, for a note.
std::string where(const Assembly& a, size_t stmt) {
    const SourceLine& l = a.source.lines[a.stmts[stmt].line];
    return printable(a.source.files[l.file]) + ":" + std::to_string(l.line);
}

// Inside an open .user program, another user program cannot begin.
bool not_nested(Assembly& a, const Stmt& s) {
    if (a.open_part < 0) return true;
    size_t open = a.parts[static_cast<size_t>(a.open_part)].stmt;
    error_at_head(a, s,
                  quote(to_lower(s.head_token().text)) + " inside " + part_name(a, a.open_part) + " (begun at " +
                      where(a, open) + "): user programs do not nest",
                  "end that one with '.enduser' first");
    return false;
}

// .user's NAME, or "user", "user2", ... in order.
std::optional<std::string> user_name(Assembly& a, const Stmt& s) {
    if (s.operands.size() < 2) {
        size_t n = a.parts.size();
        return n == 0 ? std::string("user") : "user" + std::to_string(n + 1);
    }
    std::span<const Token> name = s.operand(1);
    if (name.size() != 1 || name[0].kind != Tok::Ident) {
        error_at(a, s, name, "'.user' takes a name second: .user BASE, NAME (NAME like 'task')");
        return std::nullopt;
    }
    return name[0].text;
}

// R's base is a word address (its low two bits read as 0) at or below the
// program's first byte, which must be at a known physical address.
bool check_base(Assembly& a, const Stmt& s, int64_t base) {
    std::span<const Token> arg = s.operand(0);
    uint64_t here = a.stmt_address(s).v;
    if (base < 0 || base > kMax32) error_at(a, s, arg, "'.user' base " + std::to_string(base) + " is not an address");
    else if (base % 4 != 0)
        error_at(a, s, arg, "'.user' base " + hex32(static_cast<uint32_t>(base)) + " is not a multiple of 4",
                 "R's base is a word address (its low two bits read as 0), so user addresses keep instructions "
                 "word-aligned");
    else if (uint64_t(base) > here)
        error_at(a, s, arg,
                 "'.user' base " + hex32(static_cast<uint32_t>(base)) + " is above where the program starts, " +
                     hex32(static_cast<uint32_t>(here)) + ": its first bytes would have negative user addresses",
                 "the base is the physical address of user address 0: put '.org BASE' before '.user BASE'");
    else return true;
    return false;
}

// Flattens an image as `trapvm asm --raw` does: memory from address 0 to
// the end of its last segment.
std::optional<std::vector<uint8_t>> flatten(Assembly& a, const Stmt& s, const Image& image) {
    uint64_t end = image.segments.empty() ? 0 : image.segments.back().address + image.segments.back().bytes.size();
    if (a.total_bytes + end > kMaxProgramBytes) {
        error_at(a, s, s.operand(0),
                 "the image is " + std::to_string(end) + " bytes from address 0: more than the 64 MiB limit");
        return std::nullopt;
    }
    std::vector<uint8_t> bytes(static_cast<size_t>(end), 0);
    for (const Segment& seg : image.segments)
        std::copy(seg.bytes.begin(), seg.bytes.end(), bytes.begin() + seg.address);
    return bytes;
}

// The user program .incimage makes of an image: its labels and line table.
Part included_part(size_t stmt, Image image, const std::string& path) {
    Part p;
    std::string name = path.substr(path.find_last_of('/') + 1);
    p.name = name.substr(0, name.rfind('.'));
    p.stmt = stmt;
    p.included = true;
    for (Symbol& sym : image.symbols)
        if (sym.kind == SymbolKind::Label) p.symbols.push_back(std::move(sym));
    p.lines = std::move(image.lines);
    p.files = std::move(image.files);
    return p;
}

// The index in files of each of more, added when not there yet.
std::vector<uint32_t> add_files(std::vector<std::string>& files, const std::vector<std::string>& more) {
    std::vector<uint32_t> index;
    for (const std::string& f : more) {
        auto it = std::find(files.begin(), files.end(), f);
        index.push_back(static_cast<uint32_t>(it - files.begin()));
        if (it == files.end()) files.push_back(f);
    }
    return index;
}

UserProgram program_of(Assembly& a, Part& p, Image& image) {
    UserProgram u;
    u.name = p.name;
    if (!p.included) {
        u.address = p.base;
        u.size = static_cast<uint32_t>(p.end - p.base);
        u.lines = std::move(p.lines);
    } else {
        const Stmt& s = a.stmts[p.stmt];
        u.address = static_cast<uint32_t>(a.stmt_address(s).v);
        u.size = static_cast<uint32_t>(s.incbin.size());
        u.symbols = std::move(p.symbols);
        std::vector<uint32_t> index = add_files(image.files, p.files);
        for (LineInfo l : p.lines) u.lines.push_back({l.address, index[l.file], l.line});  // read_image checked l.file
    }
    std::sort(u.lines.begin(), u.lines.end(),
              [](const LineInfo& x, const LineInfo& y) { return x.address < y.address; });
    return u;
}

}  // namespace

// The image's user programs in source order, their labels in definition
// order; an included image's files join the image's own.
void add_programs(Assembly& a, Image& image) {
    for (Part& p : a.parts) image.programs.push_back(program_of(a, p, image));
    for (const std::string& name : a.symbol_order) {
        const SymbolDef& d = a.symbols.at(name);
        if (d.part >= 0 && d.kind == SymbolKind::Label)
            image.programs[static_cast<size_t>(d.part)].symbols.push_back(
                {name, static_cast<uint32_t>(d.value.v), SymbolKind::Label});
    }
}

std::string part_name(const Assembly& a, int part) {
    return "user program " + quote(a.parts[static_cast<size_t>(part)].name);
}

std::optional<uint32_t> user_begin(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    if (!not_nested(a, s)) return std::nullopt;
    if (!a.section(a.current).placed) {
        error_at_head(a, s, "'.user' in .data needs .data at a known address",
                      "user addresses are physical ones minus the base: place .data with '.org ADDRESS' first");
        return std::nullopt;
    }
    std::optional<int64_t> base = known_now(a, stmt, s.operand(0));
    std::optional<std::string> name = user_name(a, s);
    if (!base || !name || !check_base(a, s, *base)) return std::nullopt;
    Part p;
    p.name = *name;
    p.stmt = stmt;
    p.base = static_cast<uint32_t>(*base);
    a.parts.push_back(std::move(p));
    a.open_part = static_cast<int>(a.parts.size() - 1);
    return 0;
}

std::optional<uint32_t> user_end(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    if (a.open_part < 0) {
        error_at_head(a, s, "'.enduser' without a '.user' before it", "a user program is '.user BASE' ... '.enduser'");
        return std::nullopt;
    }
    Part& p = a.parts[static_cast<size_t>(a.open_part)];
    p.end = static_cast<uint64_t>(a.stmt_address(s).v);
    p.closed = true;
    a.open_part = -1;
    return 0;
}

std::optional<uint32_t> incimage(Assembly& a, size_t stmt) {
    Stmt& s = a.stmts[stmt];
    if (!not_nested(a, s)) return std::nullopt;
    std::optional<std::string> bytes = read_included(a, s, s.operand(0));
    if (!bytes) return std::nullopt;
    std::span<const uint8_t> raw(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size());
    std::string why;
    std::optional<Image> image = looks_like_image(raw) ? read_image(raw, &why) : std::nullopt;
    const std::string& path = s.operand(0)[0].str;
    if (!looks_like_image(raw))
        error_at(a, s, s.operand(0), quote_path(path) + " is not a trapvm image",
                 "'.incimage' takes an image from 'trapvm asm'; for raw bytes use '.incbin'");
    else if (!image) error_at(a, s, s.operand(0), quote_path(path) + ": " + why);
    else if (!image->programs.empty())
        error_at(a, s, s.operand(0), quote_path(path) + " holds user programs of its own: user programs do not nest");
    if (!image || !image->programs.empty()) return std::nullopt;
    std::optional<std::vector<uint8_t>> flat = flatten(a, s, *image);
    if (!flat) return std::nullopt;
    s.incbin = std::move(*flat);
    a.parts.push_back(included_part(stmt, std::move(*image), path));
    return static_cast<uint32_t>(s.incbin.size());
}

bool section_switch_allowed(Assembly& a, size_t stmt) {
    if (a.open_part < 0) return true;
    const Stmt& s = a.stmts[stmt];
    size_t open = a.parts[static_cast<size_t>(a.open_part)].stmt;
    error_at_head(a, s,
                  quote(to_lower(s.head_token().text)) + " inside " + part_name(a, a.open_part) + " (begun at " +
                      where(a, open) + "): a user program stays in one section",
                  "end it with '.enduser' first, or put its data after its code");
    return false;
}

void check_parts_closed(Assembly& a) {
    if (a.open_part < 0) return;
    const Part& p = a.parts[static_cast<size_t>(a.open_part)];
    error_at_head(a, a.stmts[p.stmt], "'.user' without '.enduser': " + part_name(a, a.open_part) + " is never ended",
                  "end it with '.enduser' after its last line");
    a.open_part = -1;
}

}  // namespace trapvm::detail
