// The line lexer (see lexer.hpp).
#include "assembler/lexer.hpp"

#include "assembler/diagnostics.hpp"

#include <cctype>
#include <limits>

namespace trapvm::detail {
namespace {

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '.'; }
bool ident_char(char c) { return ident_start(c) || std::isdigit(static_cast<unsigned char>(c)); }
bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

// Parses digits in base; false on a bad digit or a value past INT64_MAX.
bool parse_digits(std::string_view digits, int base, int64_t& out, std::string& why) {
    if (digits.empty()) {
        why = "is missing its digits";
        return false;
    }
    uint64_t v = 0;
    for (char c : digits) {
        int d = digit_value(c);
        if (d >= base) {
            why = "is not a number: '" + std::string(1, c) + "' is not a base-" + std::to_string(base) + " digit";
            return false;
        }
        if (v > (static_cast<uint64_t>(std::numeric_limits<int64_t>::max()) - d) / base) {
            why = "is too large";
            return false;
        }
        v = v * base + d;
    }
    out = static_cast<int64_t>(v);
    return true;
}

class Lexer {
public:
    explicit Lexer(std::string_view line) : s_(line) {}

    Lexed run() {
        Lexed out;
        while (!out.error) {
            while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
            if (pos_ >= s_.size() || s_[pos_] == '#' || s_[pos_] == ';') break;
            if (out.tokens.size() == kMaxTokens) {  // the whole program's limit, reached on one line
                out.error = LexError{static_cast<int>(pos_) + 1, 1, "more than 2,000,000 tokens on one line"};
                break;
            }
            Token t;
            t.col = static_cast<int>(pos_) + 1;
            out.error = next(t);
            t.len = static_cast<int>(pos_) + 1 - t.col;
            t.text = std::string(s_.substr(t.col - 1, t.len));
            if (!out.error) out.tokens.push_back(std::move(t));
        }
        return out;
    }

private:
    std::optional<LexError> next(Token& t) {
        char c = s_[pos_];
        if (ident_start(c)) {
            t.kind = Tok::Ident;
            while (pos_ < s_.size() && ident_char(s_[pos_])) ++pos_;
            return std::nullopt;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) return number(t);
        if (c == '\'') return character(t);
        if (c == '"') return string(t);
        return punct(t);
    }

    std::optional<LexError> number(Token& t) {
        size_t start = pos_;
        while (pos_ < s_.size() && word_char(s_[pos_])) ++pos_;
        std::string_view w = s_.substr(start, pos_ - start);
        bool all_digits = w.find_first_not_of("0123456789") == std::string_view::npos;
        std::string_view head = w.substr(0, w.size() - 1);
        bool local =
            head.find_first_not_of("0123456789") == std::string_view::npos && (w.back() == 'b' || w.back() == 'f');
        std::string why;
        bool ok = true;
        if (w.size() > 1 && w[0] == '0' && (w[1] == 'x' || w[1] == 'X')) {
            t.kind = Tok::Number;
            ok = parse_digits(w.substr(2), 16, t.value, why);
        } else if (local) {  // before 0b...: "0b" alone is local label 0, backward
            t.kind = Tok::LocalRef;
            t.forward = w.back() == 'f';
            ok = parse_digits(head, 10, t.value, why);
        } else if (w.size() > 1 && w[0] == '0' && (w[1] == 'b' || w[1] == 'B')) {
            t.kind = Tok::Number;
            ok = parse_digits(w.substr(2), 2, t.value, why);
        } else {
            t.kind = Tok::Number;
            ok = all_digits ? parse_digits(w, 10, t.value, why)
                            : (why = "is not a number (numbers are decimal, 0x hex or 0b binary)", false);
        }
        if (ok) return std::nullopt;
        std::string message = quote(w);  // cut: a "number" may be 5,000,000 digits long
        message.append(" ").append(why);
        return LexError{t.col, static_cast<int>(w.size()), message};
    }

    // One possibly escaped character inside quotes; pos_ is on it.
    std::optional<LexError> escaped(uint8_t& out) {
        if (s_[pos_] != '\\') {
            out = static_cast<uint8_t>(s_[pos_++]);
            return std::nullopt;
        }
        int col = static_cast<int>(pos_) + 1;
        if (++pos_ >= s_.size()) return LexError{col, 1, "'\\' at the end of the line escapes nothing"};
        char e = s_[pos_++];
        switch (e) {
        case 'n': out = '\n'; return std::nullopt;
        case 't': out = '\t'; return std::nullopt;
        case 'r': out = '\r'; return std::nullopt;
        case '0': out = 0; return std::nullopt;
        case '\\':
        case '\'':
        case '"': out = static_cast<uint8_t>(e); return std::nullopt;
        case 'x': return hex_escape(col, out);
        default:
            return LexError{col, 2,
                            "unknown escape '\\" + std::string(1, e) +
                                "'; the escapes are \\n \\t \\r \\0 \\\\ \\' \\\" and \\xHH"};
        }
    }

    std::optional<LexError> hex_escape(int col, uint8_t& out) {
        int v = 0, n = 0;
        while (n < 2 && pos_ < s_.size() && digit_value(s_[pos_]) < 16) v = v * 16 + digit_value(s_[pos_++]), ++n;
        if (n == 0) return LexError{col, 2, "'\\x' needs one or two hex digits, as in \\x41"};
        out = static_cast<uint8_t>(v);
        return std::nullopt;
    }

    std::optional<LexError> character(Token& t) {
        t.kind = Tok::Char;
        ++pos_;
        if (pos_ >= s_.size() || s_[pos_] == '\'')
            return LexError{t.col, static_cast<int>(pos_) + 1 - t.col + (pos_ < s_.size()), "empty character literal"};
        uint8_t v = 0;
        if (auto e = escaped(v)) return e;
        t.value = v;
        if (pos_ < s_.size() && s_[pos_] == '\'') {
            ++pos_;
            return std::nullopt;
        }
        bool more = s_.find('\'', pos_) != std::string_view::npos;
        return LexError{t.col, static_cast<int>(pos_) + 1 - t.col,
                        more ? "a character literal holds one character; use \"...\" for a string"
                             : "unterminated character literal: missing closing '"};
    }

    std::optional<LexError> string(Token& t) {
        t.kind = Tok::String;
        ++pos_;
        while (pos_ < s_.size() && s_[pos_] != '"') {
            uint8_t v = 0;
            if (auto e = escaped(v)) return e;
            t.str.push_back(static_cast<char>(v));
        }
        if (pos_ >= s_.size())
            return LexError{t.col, static_cast<int>(s_.size()) + 1 - t.col,
                            "unterminated string: missing closing '\"'"};
        ++pos_;
        return std::nullopt;
    }

    std::optional<LexError> punct(Token& t) {
        t.kind = Tok::Punct;
        std::string_view two = s_.substr(pos_, 2);
        if (two == "<<" || two == ">>") {
            pos_ += 2;
            return std::nullopt;
        }
        char c = s_[pos_];
        if (std::string_view(",():+-*/%&|^~").find(c) != std::string_view::npos) {
            ++pos_;
            return std::nullopt;
        }
        if (c == '\\') return LexError{t.col, 1, "unexpected '\\' ('\\name' means a parameter only inside a .macro)"};
        unsigned char u = static_cast<unsigned char>(c);
        if (std::isprint(u)) return LexError{t.col, 1, "unexpected character '" + std::string(1, c) + "'"};
        char buf[8];
        snprintf(buf, sizeof buf, "0x%02x", u);
        return LexError{t.col, 1, std::string("unexpected byte ") + buf + " (only ASCII is allowed outside strings)"};
    }

    std::string_view s_;
    size_t pos_ = 0;
};

}  // namespace

Lexed lex_line(std::string_view line) { return Lexer(line).run(); }

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace trapvm::detail
