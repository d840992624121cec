// YAML values with file:line:column errors (see yaml_reader.hpp).
#include "grader/yaml_reader.hpp"

#include <algorithm>
#include <cmath>

namespace trapvm::grader {

Where YamlReader::at(const YAML::Node& node) const {
    YAML::Mark m = node.Mark();
    if (m.is_null()) return {file_, 0, 0};
    return {file_, m.line + 1, m.column + 1};
}

void YamlReader::error(const YAML::Node& node, const std::string& message) { errors_.push_back({at(node), message}); }

static size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    size_t best_distance = std::max<size_t>(1, word.size() / 3) + 1;
    for (const std::string& c : candidates) {
        size_t d = edit_distance(word, c);
        if (d < best_distance) best = c, best_distance = d;
    }
    return best;
}

bool YamlReader::keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& what) {
    if (!map.IsMap()) {
        error(map, what + ": expected a mapping (key: value lines)");
        return false;
    }
    std::vector<std::string> names(allowed.begin(), allowed.end());
    bool ok = true;
    for (const auto& entry : map) {
        std::string key = entry.first.IsScalar() ? entry.first.Scalar() : "?";
        if (std::find(names.begin(), names.end(), key) != names.end()) continue;
        std::string hint = did_you_mean(key, names);
        std::string list;
        for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
        error(entry.first, "unknown key '" + key + "' in " + what +
                               (hint.empty() ? "" : ": did you mean '" + hint + "'?") + " (known keys: " + list + ")");
        ok = false;
    }
    return ok;
}

std::optional<std::string> YamlReader::text(const YAML::Node& node, const std::string& what) {
    if (!node.IsScalar()) {
        error(node, what + ": expected a string");
        return std::nullopt;
    }
    return node.Scalar();
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) {
        const std::string& s = node.Scalar();
        if (s == "true" || s == "yes") return true;
        if (s == "false" || s == "no") return false;
    }
    error(node, what + ": expected true or false");
    return std::nullopt;
}

std::optional<double> YamlReader::number(const YAML::Node& node, const std::string& what, double min, double max) {
    if (node.IsScalar()) {
        const std::string& s = node.Scalar();
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (!s.empty() && end && *end == '\0' && std::isfinite(v) && v >= min && v <= max) return v;
    }
    error(node, what + ": expected a number from " + std::to_string(static_cast<int64_t>(min)) + " to " +
                    std::to_string(static_cast<int64_t>(max)));
    return std::nullopt;
}

std::optional<int64_t> YamlReader::integer(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar())
        if (std::optional<int64_t> v = parse_integer(node.Scalar())) return v;
    error(node, what + ": expected an integer, e.g. 10, -3 or 0x1f");
    return std::nullopt;
}

std::optional<uint32_t> YamlReader::word(const YAML::Node& node, const std::string& what) {
    std::optional<int64_t> v = node.IsScalar() ? parse_integer(node.Scalar()) : std::nullopt;
    if (v && *v >= -(int64_t{1} << 31) && *v <= int64_t{UINT32_MAX}) return static_cast<uint32_t>(*v);
    error(node, what + ": expected a 32-bit value, -2147483648..4294967295 (e.g. 5, -1 or 0x10)");
    return std::nullopt;
}

std::optional<uint64_t> YamlReader::count(const YAML::Node& node, const std::string& what, bool bytes) {
    if (node.IsScalar())
        if (std::optional<uint64_t> v = parse_quantity(node.Scalar(), bytes)) return v;
    error(node, what + (bytes ? ": expected a number of bytes, e.g. 65536, 64K or 1M (M = MiB)"
                              : ": expected a count, e.g. 1000, 10k or 10M (M = million)"));
    return std::nullopt;
}

std::optional<double> YamlReader::seconds(const YAML::Node& node, const std::string& what) {
    if (node.IsScalar()) {
        std::string s = node.Scalar();
        double scale = 1;
        if (s.size() > 2 && s.compare(s.size() - 2, 2, "ms") == 0) s.resize(s.size() - 2), scale = 0.001;
        else if (!s.empty() && s.back() == 's') s.pop_back();
        char* end = nullptr;
        double v = std::strtod(s.c_str(), &end);
        if (!s.empty() && *end == '\0' && std::isfinite(v) && v > 0 && v * scale <= 3600) return v * scale;
    }
    error(node, what + ": expected a time from 1ms to 3600s, e.g. 10s or 500ms");
    return std::nullopt;
}

std::vector<std::string> YamlReader::strings(const YAML::Node& node, const std::string& what) {
    std::vector<std::string> out;
    if (node.IsScalar()) return {node.Scalar()};
    if (!node.IsSequence()) {
        error(node, what + ": expected a string or a list of strings");
        return out;
    }
    for (const YAML::Node& item : node)
        if (std::optional<std::string> s = text(item, what)) out.push_back(*s);
    return out;
}

std::optional<int64_t> parse_integer(const std::string& text) {
    bool negative = !text.empty() && text[0] == '-';
    std::string digits = negative || (!text.empty() && text[0] == '+') ? text.substr(1) : text;
    bool hex = digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X');
    for (size_t i = hex ? 2 : 0; i < digits.size(); ++i)
        if (!(hex ? std::isxdigit(static_cast<unsigned char>(digits[i]))
                  : std::isdigit(static_cast<unsigned char>(digits[i]))))
            return std::nullopt;  // no suffixes: 10M is a count, not an integer
    std::optional<uint64_t> v = parse_quantity(digits, false);
    if (!v || *v > uint64_t{INT64_MAX}) return std::nullopt;
    return negative ? -static_cast<int64_t>(*v) : static_cast<int64_t>(*v);
}

std::optional<uint64_t> parse_quantity(const std::string& text, bool bytes) {
    size_t pos = 0;
    int base = 10;
    if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) base = 16, pos = 2;
    uint64_t value = 0;
    size_t digits = 0;
    for (; pos < text.size(); ++pos, ++digits) {
        int c = static_cast<unsigned char>(text[pos]);
        int d = std::isdigit(c) ? c - '0' : (base == 16 && std::isxdigit(c)) ? std::tolower(c) - 'a' + 10 : -1;
        if (d < 0) break;
        if (value > (UINT64_MAX - static_cast<uint64_t>(d)) / static_cast<uint64_t>(base)) return std::nullopt;
        value = value * static_cast<uint64_t>(base) + static_cast<uint64_t>(d);
    }
    std::string suffix = text.substr(pos);
    uint64_t scale = suffix.empty() ? 1 : 0;
    if (bytes && (suffix == "K" || suffix == "KiB")) scale = 1ull << 10;
    if (bytes && (suffix == "M" || suffix == "MiB")) scale = 1ull << 20;
    if (bytes && (suffix == "G" || suffix == "GiB")) scale = 1ull << 30;
    if (!bytes && (suffix == "k" || suffix == "K")) scale = 1'000;
    if (!bytes && suffix == "M") scale = 1'000'000;
    if (!bytes && suffix == "G") scale = 1'000'000'000;
    if (digits == 0 || scale == 0 || value > UINT64_MAX / scale) return std::nullopt;
    return value * scale;
}

}  // namespace trapvm::grader
