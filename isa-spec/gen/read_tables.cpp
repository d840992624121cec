// Reading the .tbl files: comments, rows and columns.
//
// Every table has the same shape: '#' starts a comment line, blank lines are
// skipped, and a row is a fixed number of whitespace-separated columns
// followed by free text (a summary) that runs to the end of the line.
#include "read_tables.hpp"

#include <cctype>
#include <fstream>
#include <sstream>

namespace isagen {

std::vector<Row> read_rows(const std::string& path, int columns, std::vector<std::string>& errors) {
    std::vector<Row> rows;
    std::ifstream in(path);
    if (!in) {
        errors.push_back(path + ":0: error: cannot open the table");
        return rows;
    }
    std::string text;
    int line_no = 0;
    std::string section;
    while (std::getline(in, text)) {
        ++line_no;
        if (text.rfind("# --- ", 0) == 0) section = text.substr(6);
        size_t first = text.find_first_not_of(" \t\r");
        if (first == std::string::npos || text[first] == '#') continue;
        Row row{{path, line_no}, {}, "", section};
        std::istringstream words(text);
        std::string word;
        while (static_cast<int>(row.cols.size()) < columns && words >> word) row.cols.push_back(word);
        std::getline(words, row.rest);
        size_t start = row.rest.find_first_not_of(" \t");
        size_t end = row.rest.find_last_not_of(" \t\r");
        row.rest = (start == std::string::npos) ? "" : row.rest.substr(start, end - start + 1);
        if (static_cast<int>(row.cols.size()) < columns || row.rest.empty()) {
            errors.push_back(where_text(row.where) + ": error: expected " + std::to_string(columns + 1) +
                             " columns, found " + std::to_string(row.cols.size() + (row.rest.empty() ? 0 : 1)));
            continue;
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

std::string where_text(const Where& w) { return w.file + ":" + std::to_string(w.line); }

bool parse_number(const std::string& text, uint32_t& value) {
    if (text.empty()) return false;
    int base = 10;
    size_t pos = 0;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        pos = 2;
    }
    uint64_t v = 0;
    for (; pos < text.size(); ++pos) {
        int c = std::tolower(static_cast<unsigned char>(text[pos]));
        int digit = std::isdigit(c) ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 : 99;
        if (digit >= base) return false;
        v = v * base + digit;
        if (v > 0xffffffffu) return false;
    }
    value = static_cast<uint32_t>(v);
    return true;
}

std::vector<std::string> split(const std::string& text, char sep) {
    std::vector<std::string> parts;
    if (text == "-") return parts;
    std::string part;
    std::istringstream in(text);
    while (std::getline(in, part, sep)) parts.push_back(part);
    return parts;
}

}  // namespace isagen
