// Loading a program and moving along its run (see engine.hpp).
#include "web/api/engine.hpp"

#include "assembler/assembler.hpp"
#include "debugger/commands.hpp"
#include "tools/program.hpp"
#include "web/api/json_views.hpp"

namespace trapvm::web {

namespace {

// A number field of j, if present, within [min, max].
bool read_number(const ordered_json& j, const char* key, uint64_t min, uint64_t max, uint64_t* out,
                 std::string* error) {
    if (!j.contains(key)) return true;
    const ordered_json& v = j[key];
    if (!v.is_number_unsigned() || v.get<uint64_t>() < min || v.get<uint64_t>() > max) {
        *error = std::string("'") + key + "' must be a whole number from " + std::to_string(min) + " to " +
                 std::to_string(max);
        return false;
    }
    *out = v.get<uint64_t>();
    return true;
}

std::string first_word(const std::string& line) {
    size_t start = line.find_first_not_of(" \t");
    if (start == std::string::npos) return "";
    return line.substr(start, line.find_first_of(" \t", start) - start);
}

}  // namespace

std::optional<EngineConfig> config_from_json(const ordered_json& j, std::string* error) {
    EngineConfig c;
    if (!j.is_object()) return *error = "the settings must be a JSON object", std::nullopt;
    uint64_t size = c.memory_size, quantum = c.quantum, steps = c.max_steps;
    if (!read_number(j, "memory_size", 4, kPageMaxMemory, &size, error) ||
        !read_number(j, "quantum", 1, UINT32_MAX, &quantum, error))
        return std::nullopt;
    if (size % 4 != 0) return *error = "'memory_size' must be a multiple of 4", std::nullopt;
    if (j.contains("max_steps") && j["max_steps"].is_null()) steps = UINT64_MAX;  // --max-steps none
    else if (!read_number(j, "max_steps", 1, UINT64_MAX, &steps, error)) return std::nullopt;
    c.memory_size = static_cast<uint32_t>(size);
    c.quantum = static_cast<uint32_t>(quantum);
    c.max_steps = steps;
    c.vmm = j.value("vmm", false);
    c.input = j.value("input", std::string());
    return c;
}

ordered_json Engine::load_source(const std::string& source, const std::string& name, const EngineConfig& config) {
    AssembleResult result = assemble_source(source, name);
    if (!result.ok()) return {{"ok", false}, {"assembly", assembly_json(result)}};
    std::vector<Image> images;
    images.push_back(std::move(*result.image));
    ordered_json reply = load(std::move(images), config, {{name, source}});
    reply["assembly"] = assembly_json(result);  // the warnings
    return reply;
}

ordered_json Engine::load_image(const std::string& bytes, const std::string& name, const EngineConfig& config,
                                const ordered_json& sources) {
    std::string error;
    std::optional<Image> image = read_image({reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()}, &error);
    if (!image) return {{"ok", false}, {"error", printable(name) + ": " + error}};
    std::vector<Image> images;
    images.push_back(std::move(*image));
    return load(std::move(images), config, sources);
}

// As `trapvm debug` builds its world (tools/cmd_debug.cpp), with the page's
// tapes for consoles; the input is given up front, like --input FILE.
ordered_json Engine::load(std::vector<Image> images, const EngineConfig& config, ordered_json sources) {
    session_.reset();
    tapes_.clear();
    log_ = EventLog();
    out_.str("");
    debug::SessionSetup setup;
    setup.max_steps = config.max_steps;
    auto tape = std::make_unique<ConsoleTape>();
    tapes_.push_back(tape.get());
    std::shared_ptr<InputStream> input = InputStream::from_bytes(config.input);
    const Image& image = images[0];
    if (!config.vmm) {
        Machine machine(MachineConfig{config.memory_size});
        std::string error;
        if (!cli::install(machine, image, &error)) return {{"ok", false}, {"error", error}};
        machine.devices().console.sink = tape.get();
        machine.devices().console.input = input;
        setup.world = debug::make_bare_world(std::move(machine), config.max_steps);
    } else {
        vmm::Monitor monitor({config.memory_size, config.quantum, config.max_steps}, 1);
        vmm::Vm& vm = monitor.vms()[0];
        vm.cpu.devices.console.sink = tape.get();
        vm.cpu.devices.console.input = input;
        for (const Segment& s : image.segments)
            if (!monitor.load(0, s.address, s.bytes))
                return {{"ok", false}, {"error", "the program does not fit in its VM's memory (try a larger memory)"}};
        monitor.reset(0, image.entry);
        setup.world = debug::make_monitor_world(std::move(monitor));
    }
    setup.taps.push_back(std::move(tape));
    setup.images = std::move(images);
    session_ = std::make_unique<debug::Session>(std::move(setup), out_);
    symbols_.clear();
    for (int vm = 0; vm < session_->vm_count(); ++vm)
        symbols_.emplace_back(&session_->image(vm), &session_->world(), vm);
    config_ = config;
    sources_ = std::move(sources);
    return reply({{"ok", true}});
}

// Session::advance, with the page's recording rule around the Watcher.
ordered_json Engine::advance(std::unique_ptr<debug::Goal> goal, uint64_t max_events, bool show_notes) {
    debug::Session& s = *session_;
    debug::Session::Run run;
    for (int i = 0; i < s.vm_count(); ++i) run.was_running.push_back(s.world().running(i));
    if (goal && s.vm() != s.timeline().current_vm()) goal = debug::after_parked(s.vm(), std::move(goal));
    debug::WatchOptions options;
    options.goal = goal.get();
    debug::Watcher watcher(s.timeline(), s.breakpoints(), symbols_, options);
    RecordingRule rule(watcher, log_, s.timeline(), max_events);
    s.timeline().run(rule);
    s.select_vm(s.timeline().current_vm());
    run.why = watcher.why();
    run.hits = watcher.hits();
    run.notes = watcher.notes();
    bool paused = rule.budget_spent() && run.why == debug::Watcher::Why::None && !s.timeline().at_end();
    if (!paused) s.report(run, show_notes);
    return reply({{"paused", paused}});
}

// Running forward only from where it can (else the debugger's own message).
ordered_json Engine::run(uint64_t max_events) {
    if (!session_) return {{"error", "no program loaded"}};
    debug::Session& s = *session_;
    if (s.timeline().at_end() || !s.world().running(s.vm())) return command("continue");
    return advance(nullptr, max_events, false);
}

ordered_json Engine::command(const std::string& line) {
    if (!session_) return {{"error", "no program loaded"}};
    debug::Session& s = *session_;
    std::string word = first_word(line);
    const debug::Command* c = debug::find_command(word);
    std::string name = c ? c->name : "";
    bool can_run = !s.timeline().at_end() && s.world().running(s.vm());
    if (name == "step" && can_run) {
        std::string count = line.substr(line.find(word) + word.size());
        std::optional<uint64_t> n = count.find_first_not_of(" \t") == std::string::npos
                                        ? std::optional<uint64_t>(1)
                                        : debug::parse_number(count.substr(count.find_first_not_of(" \t")));
        if (n && *n > 0) return advance(debug::step_goal(s.vm(), *n), UINT64_MAX, *n <= 16);
    } else if ((name == "next" || name == "finish" || name == "until" || name == "goto" || name == "continue") &&
               can_run) {
        // These run forward under the Session's own rule, which the timeline
        // would not see: the page runs forward with run() and step only.
        s.error("'" + name + "' is not offered on the page: use Run, Step, Step back or the timeline");
        return reply({});
    }
    s.execute(line);
    return reply({});
}

ordered_json Engine::jump(uint64_t position) {
    if (!session_) return {{"error", "no program loaded"}};
    debug::Timeline& t = session_->timeline();
    session_->go_to(std::min(position, t.end_position().value_or(t.frontier())));
    return reply({});
}

std::string Engine::take_output() {
    session_->flush_console();
    std::string text = out_.str();
    out_.str("");
    return text;
}

ordered_json Engine::reply(ordered_json j) {
    j["output"] = take_output();
    j["position"] = session_->timeline().position();
    j["frontier"] = session_->timeline().frontier();
    j["at_end"] = session_->timeline().at_end();
    j["events"] = log_.events().size();
    return j;
}

ordered_json Engine::events(size_t from, size_t count) const {
    ordered_json list = ordered_json::array();
    const std::vector<TimelineEvent>& all = log_.events();
    for (size_t i = from; i < all.size() && i - from < count; ++i) list.push_back(to_json(all[i]));
    return {{"events", list}, {"total", all.size()}, {"dropped", log_.dropped()}};
}

}  // namespace trapvm::web
