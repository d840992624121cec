// `trapvm diff`: where two traces first differ, in what the guest can see.
//
// Only step, trap and interrupt records are compared, field by field (step,
// pc, word, (virtual) mode, register, memory and csr writes, port accesses,
// trap cause and badaddr), so a bare trace and a monitored trace of one
// program compare equal: the monitor's own records are skipped. Traces are
// read one record at a time, so their length does not matter.
#pragma once

#include "trace/event.hpp"
#include "trace/jsonl.hpp"
#include "trace/text_format.hpp"

#include <optional>
#include <string>
#include <vector>

namespace trapvm::trace {

// Guest-visible events, in order.
class EventSource {
public:
    virtual ~EventSource() = default;
    // The next event into e, reusing its memory; false at the end.
    virtual bool next(Event& e) = 0;
};

// One VM's guest-visible events of a trace file (vm -1: every event).
class GuestEvents : public EventSource {
public:
    GuestEvents(TraceReader& reader, int vm) : reader_(reader), vm_(vm) {}
    bool next(Event& e) override;

private:
    TraceReader& reader_;
    int vm_;
};

// Events held in memory.
class EventList : public EventSource {
public:
    explicit EventList(std::vector<Event> events) : events_(std::move(events)) {}
    bool next(Event& e) override;

private:
    std::vector<Event> events_;
    size_t at_ = 0;
};

struct DiffSide {
    EventSource& events;
    std::string name;   // "bare.jsonl"
    TextFormat format;  // how to show its records
};

struct DiffResult {
    bool equivalent = false;
    uint64_t compared = 0;  // equal records (before the divergence)
    uint64_t steps = 0;     // of which instructions
    std::string report;     // the divergence with context, or one line when equivalent
};

// Compares a and b. Traces cut with --from are aligned on their first
// common step. first_index: the number of the sources' first records, when
// they are excerpts.
DiffResult diff(DiffSide a, DiffSide b, size_t context = 3, uint64_t first_index = 0);

// One line saying how two differing records differ ("register writes: A
// t0: 00000005 -> 00000006, B t0: 00000005 -> 00000007"); a or b is null
// when that trace has ended.
std::string what_differs(const Record* a, const Record* b);

}  // namespace trapvm::trace
