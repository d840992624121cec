// First divergence of two traces (see diff.hpp).
#include "trace/diff.hpp"
#include "isa-spec/hex.hpp"

#include <algorithm>
#include <deque>

namespace trapvm::trace {

bool GuestEvents::next(Event& e) {
    while (reader_.next(e))
        if (e.guest_visible() && (vm_ < 0 || e.vm == vm_)) return true;
    return false;
}

bool EventList::next(Event& e) {
    if (at_ == events_.size()) return false;
    e = events_[at_++];
    return true;
}

namespace {

template <class T, class Format> std::string list(const std::vector<T>& items, Format format) {
    if (items.empty()) return "none";
    std::string out;
    for (const T& item : items) out += (out.empty() ? "" : ", ") + format(item);
    return out;
}

std::string versus(const std::string& what, const std::string& a, const std::string& b) {
    return what + ": A " + a + "; B " + b;
}

// Every line of text, each starting with the marker.
std::string marked(const std::string& marker, const std::string& text) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        out += marker + text.substr(start, end - start) + "\n";
        start = end + 1;
    }
    return out;
}

std::string show(DiffSide& side, const std::string& marker, const std::optional<Event>& e) {
    return e ? marked(marker, side.format.format(*e)) : marker + "(the trace ends)\n";
}

}  // namespace

std::string what_differs(const Record* a, const Record* b) {
    if (!a) return "A ends here; B goes on";
    if (!b) return "B ends here; A goes on";
    auto what = [](const Record& r) {
        return r.kind == Record::Kind::Step ? std::string("an instruction") : format_trap(r.trap).substr(4);
    };
    auto mode = [](const Record& r) { return std::string(r.system ? "system" : "user"); };
    if (a->kind != b->kind) return versus("record", what(*a), what(*b));
    if (a->step != b->step) return versus("step", std::to_string(a->step), std::to_string(b->step));
    if (a->pc != b->pc)
        return versus(a->kind == Record::Kind::Trap ? "epc" : "pc", pg32::hex_digits(a->pc, 8),
                      pg32::hex_digits(b->pc, 8));
    if (a->system != b->system) return versus("mode", mode(*a), mode(*b));
    if (a->word != b->word)
        return versus("instruction word", pg32::hex_digits(a->word, 8), pg32::hex_digits(b->word, 8));
    if (!(a->trap == b->trap)) return versus("trap", what(*a), what(*b));
    if (a->regs != b->regs)
        return versus("register writes", list(a->regs, format_reg_write), list(b->regs, format_reg_write));
    if (a->mems != b->mems)
        return versus("memory writes", list(a->mems, format_mem_write), list(b->mems, format_mem_write));
    if (a->csrs != b->csrs)
        return versus("csr writes", list(a->csrs, format_csr_write), list(b->csrs, format_csr_write));
    if (a->ports != b->ports)
        return versus("port accesses", list(a->ports, format_port_access), list(b->ports, format_port_access));
    return "nothing: the records are equal";
}

namespace {

// The report at a divergence: context before, the two records, what
// differs, and a little of what follows in each trace.
std::string report(DiffSide& a, DiffSide& b, const std::deque<Event>& before, const std::optional<Event>& ea,
                   const std::optional<Event>& eb, uint64_t equal) {
    uint64_t step = ea ? ea->record.step : eb->record.step;
    std::string out = "the traces differ at step " + std::to_string(step) + ", after " + std::to_string(equal) +
                      " equal records\n  A: " + a.name + "\n  B: " + b.name + "\n";
    for (const Event& e : before) out += marked("  ", a.format.format(e));
    out += show(a, "A ", ea) + show(b, "B ", eb);
    out += "  difference: " + what_differs(ea ? &ea->record : nullptr, eb ? &eb->record : nullptr) + "\n";
    std::string then;
    for (DiffSide* side : {&a, &b}) {
        bool ended = side == &a ? !ea : !eb;
        Event e;
        for (int i = 0; i < 2 && !ended && side->events.next(e); ++i)
            then += marked(side == &a ? "A " : "B ", side->format.format(e));
    }
    if (!then.empty()) out += "  then:\n" + then;
    return out;
}

// The events of side A read so far: the one being compared and up to
// `context` before it, in a ring of events whose memory is reused, so that
// comparing allocates nothing per record.
class History {
public:
    explicit History(size_t context) : ring_(context + 1) {}
    Event& current() { return ring_[now_]; }
    // current() becomes the newest of the context; the next event goes
    // into the memory of the oldest.
    void advance() {
        now_ = (now_ + 1) % ring_.size();
        kept_ = std::min(kept_ + 1, ring_.size() - 1);
    }
    std::deque<Event> before() const {
        std::deque<Event> out;
        for (size_t i = kept_; i > 0; --i) out.push_back(ring_[(now_ + ring_.size() - i) % ring_.size()]);
        return out;
    }

private:
    std::vector<Event> ring_;
    size_t now_ = 0, kept_ = 0;
};

std::optional<Event> maybe(bool has, const Event& e) { return has ? std::optional<Event>(e) : std::nullopt; }

}  // namespace

DiffResult diff(DiffSide a, DiffSide b, size_t context, uint64_t first_index) {
    DiffResult result;
    History history(context);
    Event eb;
    bool has_a = a.events.next(history.current()), has_b = b.events.next(eb);
    // traces cut with --from may start at different steps
    while (has_a && has_b && history.current().record.step < eb.record.step) has_a = a.events.next(history.current());
    while (has_a && has_b && eb.record.step < history.current().record.step) has_b = b.events.next(eb);
    while (has_a || has_b) {
        const Event& ea = history.current();
        if (!has_a || !has_b || !(ea.record == eb.record)) {
            result.report =
                report(a, b, history.before(), maybe(has_a, ea), maybe(has_b, eb), first_index + result.compared);
            return result;
        }
        ++result.compared;
        if (ea.type == Event::Type::Step) ++result.steps;
        history.advance();
        has_a = a.events.next(history.current());
        has_b = b.events.next(eb);
    }
    result.equivalent = true;
    result.report = "equivalent: " + std::to_string(result.compared) + " guest-visible records compared (" +
                    std::to_string(result.steps) + " instructions, " + std::to_string(result.compared - result.steps) +
                    " traps and interrupts)\n";
    return result;
}

}  // namespace trapvm::trace
