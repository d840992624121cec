// Numbers as PG32's tools print them: one helper for every tool, so that a
// word looks the same in a trace, a debugger display and an error message.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace pg32 {

// "0x0000002a": a word, all eight digits.
inline std::string hex32(uint32_t v) {
    char text[11];
    std::snprintf(text, sizeof text, "0x%08x", v);
    return text;
}

// "002a" for digits = 4: that many digits at least, no 0x, for aligned
// columns (the trace's text format).
inline std::string hex_digits(uint32_t v, int digits) {
    char text[16];
    std::snprintf(text, sizeof text, "%0*x", digits, v);
    return text;
}

// "0x2a": as short as it goes, as assembly source writes numbers.
inline std::string hex(uint32_t v) {
    char text[11];
    std::snprintf(text, sizeof text, "0x%x", v);
    return text;
}

}  // namespace pg32
