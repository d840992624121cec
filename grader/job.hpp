// The runner protocol: what the grader asks a runner (`RUNNER check`) to
// do for one test, and the facts it answers with. The grader decides pass
// or fail from the facts; the runner only runs and reports.
//
//   grader --job (JSON, on the runner's stdin)--> RUNNER check
//   grader <--facts (JSON Lines, one per case, on its stdout)-- RUNNER check
//
// The job:
//   {"kind": "run" | "trace" | "equivalence" | "resource-control" | "efficiency" | "leaderboard",
//    "profile": "pg32",                       the ISA profile of every case (profiles.tbl)
//    "include": ["DIR", ...],                 -I for every program
//    "prepare": [{"program": P, "output": O, "raw": true}],   assembled first, in the work folder
//    "properties": ["syscalls-return", ...],  kind trace
//    "cases": [{"programs": [{"path": P} | {"fd": 3, "name": "tests/t.s"}],
//               "vmm": false, "technique": "hybrid" (vmm/technique.hpp; default trap-and-emulate),
//               "input": "...", "defines": {"N": 3},
//               "max_steps": N, "max_output": N, "mem_size": N, "quantum": N,
//               "memory": [{"at": "result" | "0x100", "words": 3}]}]}
// A program given by fd is read from that inherited descriptor (from
// offset 0): hidden tests reach a runner that cannot open them.
//
// The facts of case i (every key but "case" may be missing):
//   {"case": i, "error": "why nothing ran (assembly errors, ...)",
//    "stop": {...} (as --state-json's), "status": EXIT, "message": "...",
//    "stdout": "console bytes", "steps": N, "regs": {"a0": N, ...}, "csrs": {...},
//    "memory": [{"at": ..., "address": N, "words": [...]} | {"at": ..., "error": "..."}],
//    "properties": [{"name": ..., "holds": bool, "problem": "...", "checked": N}],
//    "equivalence": {"equivalent": bool, "report": "...",
//                    "first_divergence": {"step": N, "pc": N, "trap": bool, "mnemonic": "..."} | null},
//    "resource_control": {"holds": bool, "problem": "..."},
//    "efficiency": {"holds": bool, "problems": [...], "direct_share": 0..1},
//    "metrics": {"steps": N, "exits": N, "emulated": N}}
// Console bytes travel as JSON text with each byte 0x80..0xff as the code
// point of the same number (Latin-1), so any output compares exactly.
#pragma once

#include <string>

namespace trapvm::grader {

inline std::string bytes_to_text(const std::string& bytes) {
    std::string out;
    out.reserve(bytes.size());
    for (unsigned char c : bytes) {
        if (c < 0x80) out += static_cast<char>(c);
        else out += static_cast<char>(0xc0 | (c >> 6)), out += static_cast<char>(0x80 | (c & 0x3f));
    }
    return out;
}

inline std::string text_to_bytes(const std::string& text) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if ((c & 0xe0) == 0xc0 && i + 1 < text.size() && c <= 0xc3)
            out += static_cast<char>(((c & 0x1f) << 6) | (static_cast<unsigned char>(text[++i]) & 0x3f));
        else out += static_cast<char>(c);
    }
    return out;
}

// The facts a runner may print for one test, all cases together: past
// this the grader stops reading and the test fails with that reason.
inline constexpr size_t kMaxFactsBytes = size_t{64} << 20;

}  // namespace trapvm::grader
