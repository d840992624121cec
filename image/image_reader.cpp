// The image reader. Images come from files a student may have truncated,
// edited or mixed up, so every field is checked before it is trusted: the
// whole-file checks (magic, version, size, checksum) come first, then every
// count is checked against the bytes that are left before anything is
// allocated, then the contents are checked for sense (overlaps, order).
#include "image/image.hpp"
#include "isa-spec/hex.hpp"

#include "image/image_format.hpp"
#include "isa-spec/isa.hpp"

#include <algorithm>

namespace trapvm {
namespace {

namespace fmt = image_format;

// A name read from a (maybe hostile) image, fit for a one-line message:
// escaped by printable(), and cut at 40 bytes.
std::string shown_name(const std::string& name) {
    constexpr size_t kShown = 40;
    return printable(std::string_view(name).substr(0, kShown)) + (name.size() > kShown ? "..." : "");
}

uint32_t load_u32(std::span<const uint8_t> b, size_t at) {
    return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (static_cast<uint32_t>(b[at + 3]) << 24);
}

// A cursor over the body of the image (header and checksum excluded).
class Reader {
public:
    explicit Reader(std::span<const uint8_t> body) : body_(body) {}

    std::string error;

    size_t left() const { return body_.size() - pos_; }

    bool u8(uint8_t& v, const char* what) {
        if (!need(1, what)) return false;
        v = body_[pos_++];
        return true;
    }
    bool u32(uint32_t& v, const char* what) {
        if (!need(4, what)) return false;
        v = load_u32(body_, pos_);
        pos_ += 4;
        return true;
    }
    bool bytes(size_t n, std::vector<uint8_t>& out, const char* what) {
        if (!need(n, what)) return false;
        out.assign(body_.begin() + pos_, body_.begin() + pos_ + n);
        pos_ += n;
        return true;
    }
    bool string(std::string& out, const char* what) {
        uint32_t n = 0;
        if (!u32(n, what) || !need(n, what)) return false;
        out.assign(reinterpret_cast<const char*>(body_.data() + pos_), n);
        pos_ += n;
        return true;
    }
    // A count of records of at least min_size bytes each must fit in what is left.
    bool count_fits(uint32_t count, size_t min_size, const char* what) {
        if (static_cast<uint64_t>(count) * min_size <= left()) return true;
        error = std::string(what) + " count " + std::to_string(count) +
                " is impossible: the rest of the image has room for at most " + std::to_string(left() / min_size);
        return false;
    }

private:
    bool need(size_t n, const char* what) {
        if (n <= left()) return true;
        error = std::string(what) + " runs past the end of the image (needs " + std::to_string(n) + " bytes, " +
                std::to_string(left()) + " left)";
        return false;
    }

    std::span<const uint8_t> body_;
    size_t pos_ = 0;
};

struct Header {
    uint32_t version = 0;
    uint32_t entry = 0;
    uint32_t segments = 0, symbols = 0, files = 0, lines = 0, programs = 0;
    size_t size() const { return version >= fmt::kVersionPrograms ? fmt::kHeaderSizePrograms : fmt::kHeaderSize; }
};

// Magic, version, size and checksum: the checks that need no parsing.
std::optional<Header> check_whole_file(std::span<const uint8_t> bytes, std::string& error) {
    if (!looks_like_image(bytes)) {
        error = "not a trapvm image (it does not start with the PG32IMG magic number)";
        return std::nullopt;
    }
    size_t minimum = fmt::kHeaderSize + fmt::kChecksumSize;
    if (bytes.size() < minimum) {
        error = "image is truncated: " + std::to_string(bytes.size()) + " bytes, but even an empty image has " +
                std::to_string(minimum);
        return std::nullopt;
    }
    uint32_t version = load_u32(bytes, 8);
    if (version != fmt::kVersion && version != fmt::kVersionPrograms && version != fmt::kVersionWithProfile) {
        error = "image format version " + std::to_string(version) + " is not supported (this trapvm reads versions " +
                std::to_string(fmt::kVersion) + " to " + std::to_string(fmt::kVersionWithProfile) +
                "); re-assemble the program";
        return std::nullopt;
    }
    if (version >= fmt::kVersionPrograms && bytes.size() < fmt::kHeaderSizePrograms + fmt::kChecksumSize) {
        error = "image is truncated: " + std::to_string(bytes.size()) + " bytes, but even an empty version " +
                std::to_string(version) + " image has " + std::to_string(fmt::kHeaderSizePrograms + fmt::kChecksumSize);
        return std::nullopt;
    }
    uint32_t size = load_u32(bytes, 12);
    if (size != bytes.size()) {
        error = size > bytes.size() ? "image is truncated: " : "image has the wrong size: ";
        error += "the header says " + std::to_string(size) + " bytes, the file has " + std::to_string(bytes.size());
        return std::nullopt;
    }
    size_t body_end = bytes.size() - fmt::kChecksumSize;
    uint32_t stored = load_u32(bytes, body_end), computed = fmt::crc32(bytes.first(body_end));
    if (stored != computed) {
        error =
            "image is corrupt: checksum " + pg32::hex32(computed) + " does not match the stored " + pg32::hex32(stored);
        return std::nullopt;
    }
    Header h;
    h.version = version;
    h.entry = load_u32(bytes, 16);
    h.segments = load_u32(bytes, 20);
    h.symbols = load_u32(bytes, 24);
    h.files = load_u32(bytes, 28);
    h.lines = load_u32(bytes, 32);
    if (version >= fmt::kVersionPrograms) h.programs = load_u32(bytes, 36);
    return h;
}

bool read_segments(Reader& r, uint32_t count, Image& image) {
    if (!r.count_fits(count, fmt::kMinSegment, "segment")) return false;
    image.segments.resize(count);
    for (Segment& s : image.segments) {
        uint32_t length = 0;
        if (!r.u32(s.address, "segment") || !r.u32(length, "segment") || !r.bytes(length, s.bytes, "segment data"))
            return false;
        if (static_cast<uint64_t>(s.address) + length > (1ull << 32)) {
            r.error = "segment at " + pg32::hex32(s.address) + " of " + std::to_string(length) +
                      " bytes runs past 0xffffffff";
            return false;
        }
    }
    return true;
}

bool read_symbols(Reader& r, uint32_t count, std::vector<Symbol>& symbols) {
    if (!r.count_fits(count, fmt::kMinSymbol, "symbol")) return false;
    symbols.resize(count);
    for (Symbol& s : symbols) {
        uint8_t kind = 0;
        if (!r.u8(kind, "symbol") || !r.u32(s.value, "symbol") || !r.string(s.name, "symbol name")) return false;
        if (kind > static_cast<uint8_t>(SymbolKind::Constant)) {
            r.error = "symbol '" + shown_name(s.name) + "' has an unknown kind " + std::to_string(kind);
            return false;
        }
        s.kind = static_cast<SymbolKind>(kind);
    }
    return true;
}

bool read_lines(Reader& r, uint32_t count, std::vector<LineInfo>& lines) {
    if (!r.count_fits(count, fmt::kLineRecord, "line-table")) return false;
    lines.resize(count);
    for (LineInfo& l : lines)
        if (!r.u32(l.address, "line table") || !r.u32(l.file, "line table") || !r.u32(l.line, "line table"))
            return false;
    return true;
}

bool read_files_and_lines(Reader& r, const Header& h, Image& image) {
    if (!r.count_fits(h.files, fmt::kMinFile, "file")) return false;
    image.files.resize(h.files);
    for (std::string& f : image.files)
        if (!r.string(f, "file name")) return false;
    return read_lines(r, h.lines, image.lines);
}

bool read_programs(Reader& r, uint32_t count, Image& image) {
    if (!r.count_fits(count, fmt::kMinProgram, "user program")) return false;
    image.programs.resize(count);
    for (UserProgram& p : image.programs) {
        uint32_t symbols = 0, lines = 0;
        if (!r.string(p.name, "user program name") || !r.u32(p.address, "user program") ||
            !r.u32(p.size, "user program") || !r.u32(symbols, "user program") || !r.u32(lines, "user program") ||
            !read_symbols(r, symbols, p.symbols) || !read_lines(r, lines, p.lines))
            return false;
    }
    return true;
}

// Version 3's profile name: one this trapvm knows, other than pg32 (which
// versions 1 and 2 are for).
bool read_profile(Reader& r, const Header& h, Image& image) {
    if (h.version != fmt::kVersionWithProfile) return true;
    if (!r.string(image.profile, "profile name")) return false;
    if (image.profile.size() > fmt::kMaxProfileName || !pg32::profile_by_name(image.profile) ||
        image.profile == pg32::base_profile().name) {
        r.error = "the image is for ISA profile '" + shown_name(image.profile) +
                  "', which this trapvm does not have (trapvm check --list shows the profiles)";
        return false;
    }
    return true;
}

// Sense checks on a fully parsed image: what the tools rely on. The entry
// point is a word address; segments are sorted by address here (Image
// promises that), then must not overlap.
// A line table names files the image has, and is sorted by address.
bool check_lines(const std::vector<LineInfo>& lines, const Image& image, const std::string& whose, std::string& error) {
    for (size_t i = 0; i < lines.size(); ++i) {
        const LineInfo& l = lines[i];
        if (l.file >= image.files.size()) {
            error = "bad image: " + whose + "line-table entry " + std::to_string(i) + " names file " +
                    std::to_string(l.file) + ", but there are " + std::to_string(image.files.size()) + " files";
            return false;
        }
        if (i > 0 && lines[i - 1].address >= l.address) {
            error = "bad image: " + (whose.empty() ? "the " : whose) + "line table is not sorted by address at entry " +
                    std::to_string(i);
            return false;
        }
    }
    return true;
}

// A user program lies within the address space, and its code within it.
bool check_program(const UserProgram& p, const Image& image, std::string& error) {
    std::string whose = "user program '" + shown_name(p.name) + "': ";
    if (uint64_t{p.address} + p.size > (uint64_t{1} << 32)) {
        error = "bad image: " + whose + std::to_string(p.size) + " bytes at " + pg32::hex32(p.address) +
                " run past 0xffffffff";
        return false;
    }
    if (!p.lines.empty() && uint64_t{p.lines.back().address} + 4 > p.size) {
        error = "bad image: " + whose + "a line-table entry at " + pg32::hex32(p.lines.back().address) +
                " is past its " + std::to_string(p.size) + " bytes";
        return false;
    }
    return check_lines(p.lines, image, whose, error);
}

bool check_contents(Image& image, std::string& error) {
    if (image.entry % 4 != 0) {  // the machine runs from word addresses only
        error = "bad image: the entry point " + pg32::hex32(image.entry) + " is not a multiple of 4";
        return false;
    }
    std::stable_sort(image.segments.begin(), image.segments.end(),
                     [](const Segment& a, const Segment& b) { return a.address < b.address; });
    for (size_t i = 1; i < image.segments.size(); ++i) {
        const Segment &a = image.segments[i - 1], &b = image.segments[i];
        if (a.address + static_cast<uint64_t>(a.bytes.size()) > b.address) {
            error =
                "bad image: the segments at " + pg32::hex32(a.address) + " and " + pg32::hex32(b.address) + " overlap";
            return false;
        }
    }
    if (!check_lines(image.lines, image, "", error)) return false;
    for (const UserProgram& p : image.programs)
        if (!check_program(p, image, error)) return false;
    return true;
}

}  // namespace

std::optional<Image> read_image(std::span<const uint8_t> bytes, std::string* error) {
    std::string local;
    std::string& err = error ? *error : local;
    std::optional<Header> h = check_whole_file(bytes, err);
    if (!h) return std::nullopt;
    Reader r(bytes.subspan(h->size(), bytes.size() - h->size() - fmt::kChecksumSize));
    Image image;
    image.entry = h->entry;
    if (!read_segments(r, h->segments, image) || !read_symbols(r, h->symbols, image.symbols) ||
        !read_files_and_lines(r, *h, image) || !read_programs(r, h->programs, image) || !read_profile(r, *h, image)) {
        err = "bad image: " + r.error;
        return std::nullopt;
    }
    if (r.left() != 0) {
        err = "bad image: " + std::to_string(r.left()) + " unexpected bytes after " +
              (h->version == fmt::kVersionWithProfile ? "the profile"
               : h->programs                          ? "the user programs"
                                                      : "the line table");
        return std::nullopt;
    }
    if (!check_contents(image, err)) return std::nullopt;
    return image;
}

}  // namespace trapvm
