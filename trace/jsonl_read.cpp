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

void read_exit(Fields& f, Event& e) {
    e.record.pc = f.number<uint32_t>("pc");
    e.record.trap = f.trap();
    e.record.trap.badaddr = f.number<uint32_t>("badaddr");
    e.exit.decision = f.text("decision");
    e.exit.routine = f.text("routine", true);
    e.exit.changes = csr_writes(f, "changes");
    e.exit.real_rbase = f.number<uint32_t>("real_rbase");
    e.exit.real_rbound = f.number<uint32_t>("real_rbound");
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
    ordered_json j;
    if (!read_line(&j)) {
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

std::optional<Event> TraceReader::next() {
    ordered_json j;
    if (failed() || !read_line(&j)) return std::nullopt;
    std::string why;
    std::optional<Event> e = event_from_json(j, &why);
    if (!e) fail(why);
    return e;
}

// One non-empty line parsed as JSON; false at the end or on bad JSON.
bool TraceReader::read_line(ordered_json* j) {
    std::string line;
    while (std::getline(in_, line)) {
        ++line_;
        if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
        *j = ordered_json::parse(line, nullptr, false);  // no exceptions: a discarded value on bad JSON
        if (j->is_discarded()) {
            fail("not valid JSON");
            return false;
        }
        return true;
    }
    if (in_.bad()) fail("read error");
    return false;
}

void TraceReader::fail(const std::string& message) { error_ = path_ + ":" + std::to_string(line_) + ": " + message; }

}  // namespace trapvm::trace
