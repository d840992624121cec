// Reading YAML nodes into values with messages that say where (file:line:
// column) and what was expected; shared by the parts of spec_read.cpp.
#pragma once

#include "grader/spec.hpp"

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

namespace trapvm::grader {

class YamlReader {
public:
    YamlReader(std::string file, std::vector<SpecError>& errors) : file_(std::move(file)), errors_(errors) {}

    Where at(const YAML::Node& node) const;
    void error(const YAML::Node& node, const std::string& message);
    void error(const Where& where, const std::string& message) { errors_.push_back({where, message}); }

    // False (after an error per unknown key, with a did-you-mean) when map
    // is not a mapping or has a key outside allowed.
    bool keys(const YAML::Node& map, std::initializer_list<const char*> allowed, const std::string& what);

    std::optional<std::string> text(const YAML::Node& node, const std::string& what);
    std::optional<bool> boolean(const YAML::Node& node, const std::string& what);
    std::optional<double> number(const YAML::Node& node, const std::string& what, double min, double max);
    std::optional<int64_t> integer(const YAML::Node& node, const std::string& what);
    // A 32-bit word: -2^31..2^32-1, two's complement for negative ones.
    std::optional<uint32_t> word(const YAML::Node& node, const std::string& what);
    // A count with decimal suffixes (10M), or bytes with binary ones (1M = MiB).
    std::optional<uint64_t> count(const YAML::Node& node, const std::string& what, bool bytes);
    std::optional<double> seconds(const YAML::Node& node, const std::string& what);     // 10, 10s, 500ms
    std::vector<std::string> strings(const YAML::Node& node, const std::string& what);  // one, or a list

    const std::string& file() const { return file_; }

private:
    std::string file_;
    std::vector<SpecError>& errors_;
};

// The closest of candidates to word (at most a third of it edited), or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);

// Integers as written in lab.yaml: 12, -3, 0x1f; counts 10k 10M 1G,
// bytes 64K 1M 1MiB (unit true). Nothing on junk or overflow.
std::optional<int64_t> parse_integer(const std::string& text);
std::optional<uint64_t> parse_quantity(const std::string& text, bool bytes);

}  // namespace trapvm::grader
