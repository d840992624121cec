// Low-level reading of the .tbl files (see read_tables.cpp).
#pragma once

#include "spec.hpp"

#include <string>
#include <vector>

namespace isagen {

// One table row: its place, its fixed columns and the free text after them.
struct Row {
    Where where;
    std::vector<std::string> cols;
    std::string rest;
    std::string section;  // the latest "# --- title" comment above the row
};

// Reads the rows of one table with `columns` fixed columns before the free
// text. Malformed rows are reported in errors and skipped.
std::vector<Row> read_rows(const std::string& path, int columns, std::vector<std::string>& errors);

std::string where_text(const Where& w);

// Decimal or 0x-hexadecimal, 0..2^32-1.
bool parse_number(const std::string& text, uint32_t& value);

// "a,b,c" -> {"a","b","c"}; "-" -> {}.
std::vector<std::string> split(const std::string& text, char sep);

}  // namespace isagen
