// Reading the lines of steps and traps fast (see scan_guest_line() in
// jsonl.hpp).
//
// A trace is nearly all step lines, and trapvm writes every one the same
// way: the same fields in the same order, no spaces, plain numbers, and
// for the names trapvm gives, plain ASCII. Such a line is read here in
// one pass, with the checks event_from_json() makes. Anything else (other
// record types, other spacing or order, escapes, a value out of range) is
// declined, and the reader parses that line as JSON, which gives the same
// event or the error to report: this scanner never decides that a line
// is bad.
#include "isa-spec/isa.hpp"
#include "trace/jsonl.hpp"

#include <array>
#include <cstring>
#include <limits>

namespace trapvm::trace {

namespace {

// The bytes a string holds as they are: printable ASCII but '"' and '\'.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0x20; c <= 0x7e; ++c) plain[c] = c != '"' && c != '\\';
    return plain;
}();

bool isdigit(char c) { return c >= '0' && c <= '9'; }

class Scanner {
public:
    explicit Scanner(std::string_view line) : at_(line.data()), end_(line.data() + line.size()) {}

    bool done() const { return at_ == end_; }

    // The exact text (a field name with its punctuation, say): a literal,
    // so the comparison is of a length known when compiled.
    template <size_t N> bool lit(const char (&text)[N]) {
        if (static_cast<size_t>(end_ - at_) < N - 1 || std::memcmp(at_, text, N - 1) != 0) return false;
        at_ += N - 1;
        return true;
    }

    // A whole number as JSON writes it (no sign, no leading zero, no
    // fraction or exponent), at most max. Up to 19 digits: a longer one
    // (if in range at all) is left to JSON.
    template <class T> bool number(T* out, uint64_t max = std::numeric_limits<T>::max()) {
        const char* start = at_;
        const char* limit = end_ - at_ > 19 ? at_ + 19 : end_;
        uint64_t v = 0;
        for (unsigned digit; at_ < limit && (digit = static_cast<unsigned char>(*at_) - unsigned{'0'}) < 10; ++at_)
            v = v * 10 + digit;
        bool whole = at_ > start && (*start != '0' || at_ - start == 1);
        if (!whole || v > max || (at_ < end_ && (*at_ == '.' || *at_ == 'e' || *at_ == 'E' || isdigit(*at_))))
            return false;
        *out = static_cast<T>(v);
        return true;
    }

    // A string of printable ASCII without escapes.
    bool text(std::string_view* out) {
        if (!lit("\"")) return false;
        const char* start = at_;
        while (at_ < end_ && kPlain[static_cast<unsigned char>(*at_)]) ++at_;
        if (at_ == end_ || *at_ != '"') return false;  // the end of the line, or a byte to leave to JSON
        *out = std::string_view(start, static_cast<size_t>(at_ - start));
        ++at_;
        return true;
    }
    bool text(std::string* out) {
        std::string_view v;
        if (!text(&v)) return false;
        out->assign(v);
        return true;
    }
    bool skip_text() {
        std::string_view ignored;
        return text(&ignored);
    }

    // A JSON array of objects, each read by item(); false if any is not.
    template <class Item> bool array(Item item) {
        if (!lit("[")) return false;
        if (lit("]")) return true;
        do {
            if (!lit("{") || !item() || !lit("}")) return false;
        } while (lit(","));
        return lit("]");
    }

private:
    const char* at_;
    const char* end_;
};

bool mode(Scanner& s, bool* system) {
    if (s.lit("\"system\"")) return *system = true, true;
    if (s.lit("\"user\"")) return *system = false, true;
    return false;
}

bool reg_write(Scanner& s, std::vector<RegWrite>& out) {
    RegWrite w;
    bool ok = s.lit("\"reg\":") && s.number(&w.reg, 15) && s.lit(",\"name\":") && s.skip_text() && s.lit(",\"old\":") &&
              s.number(&w.old_value) && s.lit(",\"new\":") && s.number(&w.new_value);
    out.push_back(w);
    return ok;
}

bool mem_write(Scanner& s, std::vector<MemWrite>& out) {
    MemWrite w;
    bool ok = s.lit("\"addr\":") && s.number(&w.address) && s.lit(",\"phys\":") && s.number(&w.physical) &&
              s.lit(",\"size\":") && s.number(&w.size, 4) && (w.size == 1 || w.size == 2 || w.size == 4) &&
              s.lit(",\"old\":") && s.number(&w.old_value) && s.lit(",\"new\":") && s.number(&w.new_value);
    out.push_back(w);
    return ok;
}

bool port_access(Scanner& s, std::vector<PortAccess>& out) {
    PortAccess p;
    bool ok = s.lit("\"port\":") && s.number(&p.port) && s.lit(",\"name\":") && s.skip_text() && s.lit(",\"dir\":");
    if (ok && s.lit("\"out\"")) p.write = true;
    else ok = ok && s.lit("\"in\"");
    ok = ok && s.lit(",\"value\":") && s.number(&p.value);
    out.push_back(p);
    return ok;
}

bool csr_write(Scanner& s, std::vector<CsrWrite>& out) {
    CsrWrite w;
    std::string_view name;
    const pg32::CsrInfo* info = nullptr;
    bool ok = s.lit("\"csr\":") && s.text(&name) && (info = pg32::csr_by_name(name)) != nullptr && s.lit(",\"old\":") &&
              s.number(&w.old_value) && s.lit(",\"new\":") && s.number(&w.new_value);
    if (info) w.csr = info->value;
    out.push_back(w);
    return ok;
}

// From "pc" on: what read_step() reads.
bool step_fields(Scanner& s, Event& e) {
    Record& r = e.record;
    return s.lit(",\"pc\":") && s.number(&r.pc) && s.lit(",\"pc_hex\":") && s.skip_text() && s.lit(",\"word\":") &&
           s.number(&r.word) && s.lit(",\"asm\":") && s.text(&e.assembly) && s.lit(",\"sym\":") && s.text(&e.symbol) &&
           s.lit(",\"src\":") && s.text(&e.source) && s.lit(",\"regs\":") &&
           s.array([&] { return reg_write(s, r.regs); }) && s.lit(",\"mem\":") &&
           s.array([&] { return mem_write(s, r.mems); }) && s.lit(",\"ports\":") &&
           s.array([&] { return port_access(s, r.ports); }) && s.lit(",\"csrs\":") &&
           s.array([&] { return csr_write(s, r.csrs); });
}

// From "epc" on: what read_body() reads of a trap or an interrupt.
bool trap_fields(Scanner& s, Event& e) {
    Record& r = e.record;
    uint32_t code = 0;
    r.kind = Record::Kind::Trap;
    bool ok = s.lit(",\"epc\":") && s.number(&r.pc) && s.lit(",\"cause\":") && s.skip_text() && s.lit(",\"code\":") &&
              s.number(&code) && pg32::cause_by_code(code) && s.lit(",\"badaddr\":") && s.number(&r.trap.badaddr) &&
              s.lit(",\"sym\":") && s.text(&e.symbol) && s.lit(",\"src\":") && s.text(&e.source);
    if (ok && s.lit(",\"csrs\":")) ok = s.array([&] { return csr_write(s, r.csrs); });  // the trap sequence's writes
    r.trap.cause = static_cast<pg32::Cause>(code);
    return ok;
}

// e as a new Event, but keeping the memory of its strings and vectors.
void reset(Event& e) {
    e.type = Event::Type::Step;
    e.vm = -1;
    Record& r = e.record;
    r.kind = Record::Kind::Step;
    r.step = 0, r.pc = 0, r.word = 0, r.system = false;
    r.regs.clear(), r.mems.clear(), r.ports.clear(), r.csrs.clear();
    r.trap = Trap{};
    e.assembly.clear(), e.symbol.clear(), e.source.clear();
    if (!(e.exit == ExitInfo{})) e.exit = ExitInfo{};
    e.idle_from = e.idle_to = 0;
    if (!e.stop.is_null()) e.stop = nullptr;
}

}  // namespace

bool scan_guest_line(std::string_view line, Event& e) {
    reset(e);
    Scanner s(line);
    bool step = s.lit("{\"type\":\"step\"");
    if (!step && !s.lit("{\"type\":\"trap\"") && !s.lit("{\"type\":\"interrupt\"")) return false;
    e.type = step ? Event::Type::Step : Event::Type::Trap;
    if (s.lit(",\"vm\":") && !s.number(&e.vm)) return false;
    if (!s.lit(",\"step\":") || !s.number(&e.record.step) || !s.lit(",\"mode\":") || !mode(s, &e.record.system))
        return false;
    bool ok = step ? step_fields(s, e) : trap_fields(s, e);
    return ok && s.lit("}") && s.done();
}

}  // namespace trapvm::trace
