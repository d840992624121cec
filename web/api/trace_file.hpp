// A JSON Lines trace written by `trapvm trace` (trace/FORMAT.md), read with
// trace/'s own reader, as the timeline's events: a TA opens a student's
// trace on the page without running anything.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace trapvm::web {

// Reads the trace at `path` (in the module's file system, where the page
// put the file). {"ok": true, "header": {...}, "events": [...], "records": n,
// "ends": [...]}; or {"ok": false, "error": "t.jsonl:12: ..."} as `trapvm
// diff` would say it. Events are those of a live run's timeline (trap,
// interrupt, exit, mode), each with the record's own fields; at most
// kMaxTimelineEvents are kept, the rest counted in "dropped".
//
// Positions: a full trace numbers instructions as the debugger does (every
// step record, and every trap record of an exception: the instruction that
// trapped); a trace without step records (--only traps) has only its
// records' steps, so those are its positions.
nlohmann::ordered_json read_trace_file(const std::string& path);

}  // namespace trapvm::web
