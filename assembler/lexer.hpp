// Splits one line of assembly into tokens. Internal to the assembler.
//
// Every token keeps its column so that a diagnostic can put a caret under
// exactly the text the student wrote.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm::detail {

enum class Tok : uint8_t {
    Ident,     // add, a0, loop, .word, . (the current address)
    Number,    // 42, 0x2a, 0b101010
    Char,      // 'a' (value is the byte)
    LocalRef,  // 1b, 1f: numeric local label, backward or forward
    String,    // "text" (str holds the bytes after escapes)
    Punct,     // , ( ) : + - * / % << >> & | ^ ~
};

struct Token {
    Tok kind = Tok::Punct;
    int col = 1;  // 1-based byte column
    int len = 1;
    std::string text;      // as written
    int64_t value = 0;     // Number, Char, LocalRef
    bool forward = false;  // LocalRef: 'f'
    std::string str;       // String: decoded bytes

    bool is(std::string_view punct) const { return kind == Tok::Punct && text == punct; }
};

struct LexError {
    int col = 1;
    int len = 1;
    std::string message;
};

// Comments (# or ; to the end of the line) are dropped. On error returns the
// first problem; the caller reports it and skips the line.
struct Lexed {
    std::vector<Token> tokens;
    std::optional<LexError> error;
};
Lexed lex_line(std::string_view line);

// Tokens are kept for both passes, about a hundred bytes each: 2,000,000 of
// them in a whole program (ten a line for the longest one) bound the memory
// 64 MiB of source could otherwise take (a line of 30 million `0,` took 6 GB).
inline constexpr size_t kMaxTokens = 2'000'000;

std::string to_lower(std::string_view s);

}  // namespace trapvm::detail
