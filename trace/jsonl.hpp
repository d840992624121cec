// The JSON Lines trace: a header object, then one object per event.
// trace/FORMAT.md is the schema; this file writes and reads it.
#pragma once

#include "trace/event.hpp"
#include "trace/out_buffer.hpp"

#include <nlohmann/json.hpp>

#include <fstream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trapvm::trace {

inline constexpr int kFormatVersion = 1;

nlohmann::ordered_json to_json(const Header& h);
nlohmann::ordered_json to_json(const Event& e);

// One line of JSON. Bytes that are not UTF-8 (a file name, say) become
// U+FFFD instead of an exception.
inline std::string to_line(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

// Writes events as JSON Lines: each the bytes of to_line(to_json(e)) and a
// newline, but for the events of every instruction (steps and traps)
// without building a JSON object, and for a step at an address seen
// before, with the fields of its instruction as written then. That makes
// tracing fast (bench/README.md, "Traces").
class JsonlWriter {
public:
    void append(OutBuffer& out, const Event& e);

private:
    struct Instruction {  // a step's fields from "mode" to "src", and what they depend on
        bool valid = false;
        uint32_t pc = 0, word = 0;
        bool system = false;
        std::string assembly, symbol, source;
        OutBuffer fields;
    };
    static constexpr size_t kCacheSize = 1024;  // instructions, by word address modulo the size

    const OutBuffer& instruction(const Event& e);

    std::vector<Instruction> cache_;
};

// The inverses: nothing, with one sentence in *error, for anything the
// schema does not allow. Fields the schema derives (pc_hex, names next to
// numbers) are not read back.
std::optional<Header> header_from_json(const nlohmann::ordered_json& j, std::string* error);
std::optional<Event> event_from_json(const nlohmann::ordered_json& j, std::string* error);

// Reads a step or trap line as trapvm writes it into e, as
// event_from_json() would; false, leaving e unspecified, for any other
// line, which only means "parse this one as JSON" (see jsonl_scan.cpp).
bool scan_guest_line(std::string_view line, Event& e);

// Reads a trace file one event at a time, so traces of any length can be
// compared in little memory.
class TraceReader {
public:
    enum class Status { Ok, Missing, Bad };  // Missing: cannot be read; Bad: not a trace
    // Opens path and reads its header; error() says what went wrong.
    Status open(const std::string& path);
    const Header& header() const { return header_; }
    // The next event into e, reusing its memory; false at the end or after
    // an error (see failed()).
    bool next(Event& e);
    std::optional<Event> next();
    bool failed() const { return !error_.empty(); }
    const std::string& error() const { return error_; }  // "t.jsonl:12: ..."

private:
    bool read_line(std::string_view* line);
    bool parse_line(std::string_view line, nlohmann::ordered_json* j);
    void fail(const std::string& message);

    std::ifstream in_;
    std::string buffer_;  // what has been read of the file, from start_ to end_ not yet used
    size_t start_ = 0, end_ = 0;
    std::string path_;
    Header header_;
    uint64_t line_ = 0;
    std::string error_;
};

}  // namespace trapvm::trace
