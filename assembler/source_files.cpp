// Reading source files and finding included ones (see preprocess.hpp).
#include "assembler/preprocess.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace trapvm::detail {

namespace fs = std::filesystem;

bool read_file(const std::string& path, std::string& out, std::string& error) {
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        error = "it is a directory";
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = std::strerror(errno);
        return false;
    }
    // Read in pieces up to a limit: the "file" may be /dev/zero or a pipe.
    out.clear();
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        out.append(buf, static_cast<size_t>(in.gcount()));
        if (out.size() > kMaxFileBytes) {
            error = "it is larger than " + std::to_string(kMaxFileBytes >> 20) + " MiB";
            return false;
        }
    }
    if (in.bad()) {
        error = std::strerror(errno);
        return false;
    }
    return true;
}

std::string find_file(const std::string& name, const std::string& including_file,
                      const std::vector<std::string>& include_dirs) {
    std::error_code ec;
    if (fs::path(name).is_absolute()) return fs::is_regular_file(name, ec) ? name : "";
    std::string here = (fs::path(including_file).parent_path() / name).string();
    if (fs::is_regular_file(here, ec)) return here;
    for (const std::string& dir : include_dirs) {
        std::string there = (fs::path(dir) / name).string();
        if (fs::is_regular_file(there, ec)) return there;
    }
    return "";
}

std::string search_places(const std::string& including_file, const std::vector<std::string>& include_dirs) {
    std::string dir = fs::path(including_file).parent_path().string();
    std::string out = (dir.empty() ? "." : printable(dir)) + "/ (the including file's folder)";
    for (const std::string& d : include_dirs) out += ", " + printable(d) + "/ (-I)";
    return out;
}

// The first byte that cannot be in a text file ("0x00"), with its line and
// column; empty for text.
std::string binary_junk(std::string_view text, int& line, int& col) {
    line = 1, col = 1;
    for (unsigned char c : text) {
        // (c == 0 first: strchr would find the string's own terminator)
        bool bad = c == 0 || (c < 0x20 && !std::strchr("\t\n\r\f\v", c)) || c == 0x7f;
        if (bad) {
            char buf[8];
            snprintf(buf, sizeof buf, "0x%02x", c);
            return buf;
        }
        if (c == '\n') ++line, col = 1;
        else ++col;
    }
    return "";
}

std::string_view next_line(std::string_view text, size_t& start) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);
    start = end + 1;
    return l;
}

}  // namespace trapvm::detail
