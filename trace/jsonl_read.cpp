// Reading the JSON Lines trace back (see jsonl.hpp and FORMAT.md).
#include "trace/jsonl.hpp"

#include "isa-spec/isa.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <limits>

namespace trapvm::trace {

using nlohmann::ordered_json;

namespace {

// Reads the fields of one JSON object, remembering the first problem, so
// that a reader can pull every field and check once at the end.
class Fields {
public:
    explicit Fields(const ordered_json& j) : j_(j) {
        if (!j.is_object()) error = "a record is not a JSON object";
    }

    bool has(const char* key) const { return j_.is_object() && j_.contains(key); }

    const ordered_json* get(const char* key) {
        if (!error.empty()) return nullptr;
        auto it = j_.find(key);
        if (it == j_.end()) {
            error = std::string("missing field '") + key + "'";
            return nullptr;
        }
        return &*it;
    }

    template <class T> T number(const char* key, uint64_t max = std::numeric_limits<T>::max()) {
        const ordered_json* v = get(key);
        if (!v) return 0;
        bool whole = v->is_number_unsigned() || (v->is_number_integer() && v->get<int64_t>() >= 0);
        if (!whole || v->get<uint64_t>() > max) {
            error = std::string("field '") + key + "' must be a whole number from 0 to " + std::to_string(max);
            return 0;
        }
        return static_cast<T>(v->get<uint64_t>());
    }

    std::string text(const char* key, bool null_ok = false) {
        const ordered_json* v = get(key);
        if (!v || (null_ok && v->is_null())) return "";
        if (!v->is_string()) {
            error = std::string("field '") + key + "' must be a string";
            return "";
        }
        return v->get<std::string>();
    }

    // Each element of an array field as Fields; false after an error.
    template <class Fn> void each(const char* key, Fn fn) {
        const ordered_json* v = get(key);
        if (!v) return;
        if (!v->is_array()) {
            error = std::string("field '") + key + "' must be an array";
            return;
        }
        for (const ordered_json& element : *v) {
            Fields f(element);
            fn(f);
            if (!f.error.empty()) error = std::string("in '") + key + "': " + f.error;
            if (!error.empty()) return;
        }
    }

    bool mode() {
        std::string m = text("mode");
        if (error.empty() && m != "system" && m != "user") error = "field 'mode' must be \"system\" or \"user\"";
        return m == "system";
    }

    Trap trap() {
        Trap t;
        uint32_t code = number<uint32_t>("code");
        if (error.empty() && !pg32::cause_by_code(code)) error = "field 'code' is no trap cause";
        t.cause = static_cast<pg32::Cause>(code);
        return t;
    }

    std::string error;

private:
    const ordered_json& j_;
};

std::vector<CsrWrite> csr_writes(Fields& f, const char* key) {
    std::vector<CsrWrite> out;
    f.each(key, [&](Fields& w) {
        std::string name = w.text("csr");
        const pg32::CsrInfo* info = pg32::csr_by_name(name);
        if (w.error.empty() && !info) w.error = "no csr is called '" + name + "'";
        out.push_back({info ? info->value : pg32::Csr{}, w.number<uint32_t>("old"), w.number<uint32_t>("new")});
    });
    return out;
}

void read_step(Fields& f, Event& e) {
    Record& r = e.record;
    r.pc = f.number<uint32_t>("pc");
    r.word = f.number<uint32_t>("word");
    e.assembly = f.text("asm");
    e.symbol = f.text("sym");
    e.source = f.text("src");
    f.each("regs", [&](Fields& w) {
        r.regs.push_back({w.number<uint8_t>("reg", 15), w.number<uint32_t>("old"), w.number<uint32_t>("new")});
    });
    f.each("mem", [&](Fields& w) {
        MemWrite m{w.number<uint32_t>("addr"), w.number<uint32_t>("phys"), w.number<uint8_t>("size", 4),
                   w.number<uint32_t>("old"), w.number<uint32_t>("new")};
        if (w.error.empty() && m.size != 1 && m.size != 2 && m.size != 4) w.error = "field 'size' must be 1, 2 or 4";
        r.mems.push_back(m);
    });
    f.each("ports", [&](Fields& w) {
        std::string dir = w.text("dir");
        if (w.error.empty() && dir != "in" && dir != "out") w.error = "field 'dir' must be \"in\" or \"out\"";
        r.ports.push_back({w.number<uint32_t>("port"), w.number<uint32_t>("value"), dir == "out"});
    });
    r.csrs = csr_writes(f, "csrs");
}

// An exit's "access": a csr ({"csr", "dir": "read"/"write", "value"}) or a
// port (as in a step's "ports"), or null.
void read_access(Fields& f, ExitInfo& x) {
    const ordered_json* a = f.get("access");
    if (!a || a->is_null()) return;
    Fields w(*a);
    std::string dir = w.text("dir");
    if (w.has("csr")) {
        std::string name = w.text("csr");
        const pg32::CsrInfo* info = pg32::csr_by_name(name);
        if (w.error.empty() && !info) w.error = "no csr is called '" + name + "'";
        if (w.error.empty() && dir != "read" && dir != "write") w.error = "field 'dir' must be \"read\" or \"write\"";
        x.csr = CsrAccess{info ? info->value : pg32::Csr{}, dir == "write", w.number<uint32_t>("value")};
    } else {
        if (w.error.empty() && dir != "in" && dir != "out") w.error = "field 'dir' must be \"in\" or \"out\"";
        x.ports.push_back({w.number<uint32_t>("port"), w.number<uint32_t>("value"), dir == "out"});
    }
    if (!w.error.empty()) f.error = "in 'access': " + w.error;
}

void read_exit(Fields& f, Event& e) {
    e.record.pc = f.number<uint32_t>("pc");
    e.record.trap = f.trap();
    e.record.trap.badaddr = f.number<uint32_t>("badaddr");
    e.exit.decision = f.text("decision");
    e.exit.routine = f.text("routine", true);
    e.exit.changes = csr_writes(f, "changes");
    e.exit.real_rbase = f.number<uint32_t>("real_rbase");
    e.exit.real_rbound = f.number<uint32_t>("real_rbound");
    if (!f.has("why")) return;  // a trace from before these keys were added
    e.exit.assembly = f.text("asm");
    read_access(f, e.exit);
    e.symbol = f.text("sym");
    e.source = f.text("src");
    e.exit.why = f.text("why");
}

bool type_from_name(const std::string& name, Event::Type* type) {
    static const std::pair<const char*, Event::Type> kTypes[] = {
        {"step", Event::Type::Step}, {"trap", Event::Type::Trap},     {"interrupt", Event::Type::Trap},
        {"exit", Event::Type::Exit}, {"inject", Event::Type::Inject}, {"schedule", Event::Type::Schedule},
        {"idle", Event::Type::Idle}, {"end", Event::Type::End}};
    for (const auto& [n, t] : kTypes)
        if (name == n) {
            *type = t;
            return true;
        }
    return false;
}

void read_body(Fields& f, Event& e) {
    e.record.step = f.number<uint64_t>("step");
    e.record.system = f.mode();
    switch (e.type) {
    case Event::Type::Step: read_step(f, e); break;
    case Event::Type::Trap:
        e.record.kind = Record::Kind::Trap;
        e.record.pc = f.number<uint32_t>("epc");
        e.record.trap = f.trap();
        e.record.trap.badaddr = f.number<uint32_t>("badaddr");
        e.symbol = f.text("sym");
        e.source = f.text("src");
        if (f.has("csrs")) e.record.csrs = csr_writes(f, "csrs");  // (traces before it was added have none)
        break;
    case Event::Type::Exit: read_exit(f, e); break;
    case Event::Type::Inject:
        e.record.pc = f.number<uint32_t>("epc");
        e.record.trap = f.trap();
        break;
    case Event::Type::Idle:
        e.record.pc = f.number<uint32_t>("pc");
        e.idle_from = f.number<uint64_t>("from_tick");
        e.idle_to = f.number<uint64_t>("to_tick");
        if (f.error.empty() && e.idle_to < e.idle_from) f.error = "'to_tick' is before 'from_tick'";
        break;
    case Event::Type::Schedule: e.record.pc = f.number<uint32_t>("pc"); break;
    case Event::Type::End: break;
    }
}

}  // namespace

std::optional<Event> event_from_json(const ordered_json& j, std::string* error) {
    Fields f(j);
    Event e;
    std::string type = f.text("type");
    if (f.error.empty() && !type_from_name(type, &e.type)) f.error = "unknown record type '" + type + "'";
    if (f.has("vm")) e.vm = f.number<int>("vm");
    if (e.type == Event::Type::End) {
        e.record.step = f.number<uint64_t>("steps");
        const ordered_json* stop = f.get("stop");
        if (stop && !stop->is_object()) f.error = "field 'stop' must be an object";
        if (stop) e.stop = *stop;
    } else if (f.error.empty()) {
        read_body(f, e);
    }
    if (!f.error.empty()) {
        *error = f.error;
        return std::nullopt;
    }
    return e;
}

std::optional<Header> header_from_json(const ordered_json& j, std::string* error) {
    Fields f(j);
    std::string format = f.text("format");
    if (f.error.empty() && format != "trapvm-trace") f.error = "not a trapvm trace (its format is '" + format + "')";
    int version = f.number<int>("version");
    if (f.error.empty() && version != kFormatVersion)
        f.error = "trace format version " + std::to_string(version) + ", but this trapvm reads version " +
                  std::to_string(kFormatVersion);
    Header h;
    std::string mode = f.text("mode");
    if (f.error.empty() && mode != "bare" && mode != "vmm") f.error = "field 'mode' must be \"bare\" or \"vmm\"";
    h.vmm = mode == "vmm";
    if (f.has("profile")) h.profile = f.text("profile");
    const ordered_json* programs = f.get("programs");
    if (programs && !programs->is_array()) f.error = "field 'programs' must be an array";
    if (programs && programs->is_array())
        for (const auto& p : *programs) {
            if (!p.is_string()) f.error = "field 'programs' must hold strings";
            else h.programs.push_back(p.get<std::string>());
        }
    h.memory_size = f.number<uint32_t>("memory_size");
    if (h.vmm) h.quantum = f.number<uint32_t>("quantum");
    if (f.has("filter")) h.filter = j["filter"];
    if (!f.error.empty()) {
        *error = f.error;
        return std::nullopt;
    }
    return h;
}

TraceReader::Status TraceReader::open(const std::string& path) {
    path_ = path;
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
        error_ = "'" + path + "' is a directory, not a trace";
        return Status::Missing;
    }
    in_.open(path, std::ios::binary);
    if (!in_) {
        error_ = "cannot read '" + path + "': " + std::strerror(errno);
        return Status::Missing;
    }
    std::string_view line;
    ordered_json j;
    if (!read_line(&line) || !parse_line(line, &j)) {
        if (!failed()) fail("empty file: no trace header");
        return Status::Bad;
    }
    std::string why;
    std::optional<Header> h = header_from_json(j, &why);
    if (!h) {
        fail(why);
        return Status::Bad;
    }
    header_ = *h;
    return Status::Ok;
}

// Steps and traps as trapvm writes them are scanned directly; any other
// line is parsed as JSON, which also finds what is wrong with a bad one.
bool TraceReader::next(Event& e) {
    std::string_view line;
    if (failed() || !read_line(&line)) return false;
    if (scan_guest_line(line, e)) return true;
    ordered_json j;
    if (!parse_line(line, &j)) return false;
    std::string why;
    std::optional<Event> read = event_from_json(j, &why);
    if (!read) {
        fail(why);
        return false;
    }
    e = std::move(*read);
    return true;
}

std::optional<Event> TraceReader::next() {
    Event e;
    if (!next(e)) return std::nullopt;
    return e;
}

// The next line that is not blank, without its '\n'; false at the end.
// The file is read a megabyte at a time (a line may be longer).
bool TraceReader::read_line(std::string_view* line) {
    constexpr size_t kChunk = 1 << 20;
    for (;;) {
        const char* data = buffer_.data();
        const void* newline = std::memchr(data + start_, '\n', end_ - start_);
        bool last = !newline && !in_;  // nothing more to read: what is left is the last line
        if (newline || (last && start_ < end_)) {
            size_t stop = newline ? static_cast<size_t>(static_cast<const char*>(newline) - data) : end_;
            *line = std::string_view(data + start_, stop - start_);
            start_ = newline ? stop + 1 : end_;
            ++line_;
            if (line->find_first_not_of(" \t\r") == std::string_view::npos) continue;
            return true;
        }
        if (last) {
            if (in_.bad()) fail("read error");
            return false;
        }
        std::memmove(buffer_.data(), data + start_, end_ - start_);  // the start of a line, to read on after it
        end_ -= start_;
        start_ = 0;
        if (buffer_.size() < end_ + kChunk) buffer_.resize(end_ + kChunk);  // the first time, or a longer line
        in_.read(buffer_.data() + end_, static_cast<std::streamsize>(kChunk));
        end_ += static_cast<size_t>(in_.gcount());
    }
}

// One line parsed as JSON; false on bad JSON.
bool TraceReader::parse_line(std::string_view line, ordered_json* j) {
    *j = ordered_json::parse(line, nullptr, false);  // no exceptions: a discarded value on bad JSON
    if (j->is_discarded()) {
        fail("not valid JSON");
        return false;
    }
    return true;
}

void TraceReader::fail(const std::string& message) { error_ = path_ + ":" + std::to_string(line_) + ": " + message; }

}  // namespace trapvm::trace
