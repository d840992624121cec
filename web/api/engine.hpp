// The page's engine: one program loaded into the debugger's world (the bare
// machine, or the monitor with one VM), moved by the page's buttons, and
// described to the page as JSON.
//
//   Engine e;
//   e.load_source(text, "hello.s", config);   // or load_image(bytes, ...)
//   e.run(5'000'000);                          // continue, 5M events at most
//   e.command("reverse-step");                 // any debugger command
//   e.state();                                 // registers, csr, console, ...
//
// Everything below is the CLI's own code: the assembler, the machine, the
// monitor and `trapvm debug`'s Session and Timeline (debugger/), so step,
// step back, continue back and breakpoints mean here exactly what they mean
// in `trapvm debug`. The engine adds two things the page needs and the
// terminal does not: runs cut into chunks (a Web Worker can only hear the
// stop button between two calls), and the timeline of events it records
// (events.hpp).
//
// The page works in the worker with one engine at a time; every method
// returns a JSON object, built with nlohmann::json.
#pragma once

#include "debugger/session.hpp"
#include "web/api/events.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <sstream>
#include <string>

namespace trapvm::web {

using nlohmann::ordered_json;

// What `trapvm debug` takes as options, with the same defaults.
struct EngineConfig {
    bool vmm = false;                                 // run under the monitor, one VM
    uint32_t memory_size = pg32::kMemorySizeDefault;  // of the machine (of the VM under the monitor)
    uint32_t quantum = pg32::kQuantumDefault;         // the monitor's time slice
    uint64_t max_steps = pg32::kMaxStepsDefault;      // the step limit (UINT64_MAX: none)
    std::string input;                                // the console's input, like --input FILE
};

// The page offers at most this much memory: the wasm heap also holds the
// pre-decoded instructions (twice the memory) and the checkpoints (128 MiB).
inline constexpr uint32_t kPageMaxMemory = 64u << 20;

// Reads {"vmm": bool, "memory_size": n, "quantum": n, "max_steps": n|null,
// "input": "..."}; nothing, with *error saying which field is wrong.
std::optional<EngineConfig> config_from_json(const ordered_json& j, std::string* error);

class Engine {
public:
    // Assembles and loads; {"ok": false, "diagnostics": [...]} on errors.
    ordered_json load_source(const std::string& source, const std::string& name, const EngineConfig& config);
    // Loads an image (from `trapvm asm`); sources: the files its line table
    // names, by base name, for the disassembly's source lines.
    ordered_json load_image(const std::string& bytes, const std::string& name, const EngineConfig& config,
                            const ordered_json& sources);
    bool loaded() const { return session_ != nullptr; }

    // Continues for at most `max_events` instructions (of all VMs), recording
    // the timeline; {"paused": true} when the budget ran out first, so the
    // page calls again unless the user pressed stop.
    ordered_json run(uint64_t max_events);
    // `step [N]` (recorded like run), or any other debugger command that does
    // not run forward (reverse-step, reverse-continue, break, delete, info...).
    ordered_json command(const std::string& line);
    // To a position of the timeline (a click on it), back or forward.
    ordered_json jump(uint64_t position);

    // Registers, csr, mode, stop, console, the instruction at pc and the
    // memory it accesses; under the monitor the real side and the VM's region.
    ordered_json state() const;
    // `count` bytes of the VM's (guest-)physical memory from `address`.
    ordered_json memory(uint32_t address, uint32_t count) const;
    // The loaded program: every word of its segments, disassembled, with labels
    // and source lines (a listing), and the source files.
    ordered_json listing() const;
    // The timeline's events from index `from` on (at most `count`).
    ordered_json events(size_t from, size_t count) const;
    // The monitor's exit table (--stats), per VM; empty on the bare machine.
    ordered_json exits() const;

private:
    ordered_json load(std::vector<Image> images, const EngineConfig& config, ordered_json sources);
    ordered_json advance(std::unique_ptr<debug::Goal> goal, uint64_t max_events, bool show_notes);
    ordered_json reply(ordered_json j);  // adds the debugger's output and where it is
    std::string take_output();

    std::ostringstream out_;  // the debugger's own lines ("=> step 4 ...")
    std::unique_ptr<debug::Session> session_;
    std::vector<ConsoleTape*> tapes_;  // owned by the session
    std::vector<debug::Symbols> symbols_;
    EventLog log_;
    EngineConfig config_;
    ordered_json sources_;
};

}  // namespace trapvm::web
