// A growing byte buffer with the few formatting operations the trace
// formats need: text, decimal and fixed-width hex numbers, spaces.
//
// Why not std::string and snprintf: a trace writes millions of records a
// second, and each is ten or twenty small pieces. Here a piece is a bounds
// check and a copy into memory that is kept from record to record, with no
// allocation, locale or format string to interpret.
#pragma once

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace trapvm::trace {

class OutBuffer {
public:
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    const char* data() const { return bytes_.data(); }
    std::string_view view() const { return {bytes_.data(), size_}; }
    std::string_view since(size_t start) const { return {bytes_.data() + start, size_ - start}; }
    char back() const { return bytes_[size_ - 1]; }

    void clear() { size_ = 0; }
    // Forgets everything after the first n bytes (n <= size()).
    void truncate(size_t n) { size_ = n; }

    // Overwrites byte `at`, already written.
    void set(size_t at, char c) { bytes_[at] = c; }

    void put(char c) { *room(1) = c, ++size_; }
    void put(std::string_view s) {
        if (!s.empty()) std::memcpy(room(s.size()), s.data(), s.size());
        size_ += s.size();
    }
    // A string literal: its length is known when compiled, so the copy is
    // a few moves rather than a call (most of a JSON line is field names).
    template <size_t N> void lit(const char (&s)[N]) {
        std::memcpy(room(N - 1), s, N - 1);
        size_ += N - 1;
    }
    void spaces(size_t n) {
        std::memset(room(n), ' ', n);
        size_ += n;
    }
    // Pads with spaces to column `width` counted from byte `start`.
    void pad_from(size_t start, size_t width) {
        if (size_ - start < width) spaces(width - (size_ - start));
    }

    template <class Int> void dec(Int v) {
        char* at = room(24);
        size_ = static_cast<size_t>(std::to_chars(at, at + 24, v).ptr - bytes_.data());
    }
    // Right-aligned in `width` columns, as "%*llu" prints it.
    void dec_right(uint64_t v, size_t width) {
        char text[24];
        size_t n = static_cast<size_t>(std::to_chars(text, text + sizeof text, v).ptr - text);
        if (n < width) spaces(width - n);
        put(std::string_view(text, n));
    }
    // A word as eight lowercase hex digits, "%08x": the formats' commonest
    // number, so without a loop.
    void hex8(uint32_t v) {
        static constexpr char kDigits[] = "0123456789abcdef";
        char* at = room(8);
        at[0] = kDigits[v >> 28], at[1] = kDigits[(v >> 24) & 15], at[2] = kDigits[(v >> 20) & 15];
        at[3] = kDigits[(v >> 16) & 15], at[4] = kDigits[(v >> 12) & 15], at[5] = kDigits[(v >> 8) & 15];
        at[6] = kDigits[(v >> 4) & 15], at[7] = kDigits[v & 15];
        size_ += 8;
    }
    // Lowercase hex, zero-padded to `digits`, with more digits when the
    // value needs them: what "%0*x" prints.
    void hex(uint32_t v, int digits) {
        int n = std::max(digits, 1);
        while (n < 8 && (v >> (4 * n)) != 0) ++n;
        char* at = room(static_cast<size_t>(n));
        for (int i = n - 1; i >= 0; --i, v >>= 4) at[i] = "0123456789abcdef"[v & 15];
        size_ += static_cast<size_t>(n);
    }

private:
    // Memory for n more bytes after size_, growing (doubling) when needed.
    char* room(size_t n) {
        if (bytes_.size() - size_ < n) [[unlikely]]
            grow(n);
        return bytes_.data() + size_;
    }
    [[gnu::noinline]] void grow(size_t n) { bytes_.resize(std::max(2 * bytes_.size(), size_ + n + 256)); }

    std::string bytes_;  // the capacity; only the first size_ bytes are the contents
    size_t size_ = 0;
};

}  // namespace trapvm::trace
