// Trace file -> timeline events (see trace_file.hpp).
#include "web/api/trace_file.hpp"

#include "trace/jsonl.hpp"
#include "web/api/events.hpp"

#include <map>

namespace trapvm::web {

using nlohmann::ordered_json;

namespace {

class TraceTimeline {
public:
    void add(const trace::Event& e);
    ordered_json result(const trace::Header& h, uint64_t records) const;

private:
    void push(ordered_json j);
    uint64_t position(const trace::Event& e) const { return steps_seen_ ? position_ : e.record.step; }

    ordered_json events_ = ordered_json::array(), ends_ = ordered_json::array();
    uint64_t dropped_ = 0;
    uint64_t position_ = 0;  // instructions run so far, all VMs
    bool steps_seen_ = false;
    std::map<int, bool> modes_;  // each VM's mode at its last guest record
};

void TraceTimeline::push(ordered_json j) {
    if (events_.size() < kMaxTimelineEvents) events_.push_back(std::move(j));
    else ++dropped_;
}

void TraceTimeline::add(const trace::Event& e) {
    using Type = trace::Event::Type;
    int vm = std::max(e.vm, 0);
    if (e.type == Type::Step) steps_seen_ = true;
    if (e.guest_visible()) {  // a mode switch shows at the first record in the new mode
        auto known = modes_.find(vm);
        if (known != modes_.end() && known->second != e.record.system)
            push({{"type", "mode"},
                  {"vm", vm},
                  {"step", e.record.step},
                  {"position", position(e)},
                  {"pc", e.record.pc},
                  {"mode", e.record.system ? "system" : "user"}});
        modes_[vm] = e.record.system;
    }
    ordered_json j = trace::to_json(e);  // the record as the file has it
    j["vm"] = vm;
    if (e.type == Type::Trap || e.type == Type::Exit) {
        // Where the live timeline puts it: after the instruction that trapped
        // (not yet counted); an interrupt or an exit follows records counted.
        bool exception = e.type == Type::Trap && !e.record.trap.is_interrupt();
        j["position"] = position(e) + (exception ? 1 : 0);
        push(std::move(j));
    } else if (e.type == Type::End) {
        ends_.push_back(std::move(j));
    }
    if (e.type == Type::Step || (e.type == Type::Trap && !e.record.trap.is_interrupt())) ++position_;
}

ordered_json TraceTimeline::result(const trace::Header& h, uint64_t records) const {
    return {{"ok", true},
            {"header", trace::to_json(h)},
            {"events", events_},
            {"dropped", dropped_},
            {"records", records},
            {"ends", ends_},
            {"positions", steps_seen_ ? position_ : 0}};
}

}  // namespace

ordered_json read_trace_file(const std::string& path) {
    trace::TraceReader reader;
    if (reader.open(path) != trace::TraceReader::Status::Ok) return {{"ok", false}, {"error", reader.error()}};
    TraceTimeline timeline;
    uint64_t records = 0;
    while (std::optional<trace::Event> e = reader.next()) {
        timeline.add(*e);
        ++records;
    }
    if (reader.failed()) return {{"ok", false}, {"error", reader.error()}};
    return timeline.result(reader.header(), records);
}

}  // namespace trapvm::web
