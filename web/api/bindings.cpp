// The module's JavaScript interface (embind): one Api object per worker.
// Every method takes and returns strings, JSON where structured, so that a
// reply crosses postMessage as it is. Files (an image, a trace) are written
// into the module's file system by the caller (FS.writeFile) and named by path.
#include "web/api/engine.hpp"
#include "web/api/fast_run.hpp"
#include "web/api/json_views.hpp"
#include "web/api/trace_file.hpp"

#include <emscripten/bind.h>

#include <fstream>
#include <iterator>

namespace trapvm::web {

namespace {

std::string dump(const ordered_json& j) { return j.dump(-1, ' ', false, ordered_json::error_handler_t::replace); }

std::optional<std::string> read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Settings as JSON text; a bad one is a reply of its own.
std::optional<EngineConfig> settings(const std::string& text, ordered_json* reply) {
    ordered_json j = ordered_json::parse(text, nullptr, false);
    std::string error = j.is_discarded() ? "the settings are not JSON" : "";
    std::optional<EngineConfig> config = error.empty() ? config_from_json(j, &error) : std::nullopt;
    if (!config) *reply = {{"ok", false}, {"error", "settings: " + error}};
    return config;
}

class Api {
public:
    std::string isa() const { return dump(isa_json()); }
    std::string assemble(const std::string& source, const std::string& name) const {
        return dump(assemble_json(source, name));
    }

    std::string load_source(const std::string& source, const std::string& name, const std::string& config) {
        ordered_json reply;
        std::optional<EngineConfig> c = settings(config, &reply);
        return dump(c ? engine_.load_source(source, name, *c) : reply);
    }
    std::string load_image(const std::string& path, const std::string& name, const std::string& config,
                           const std::string& sources) {
        ordered_json reply;
        std::optional<EngineConfig> c = settings(config, &reply);
        std::optional<std::string> bytes = read_whole(path);
        if (!bytes) return dump({{"ok", false}, {"error", name + ": cannot be read"}});
        ordered_json files = ordered_json::parse(sources, nullptr, false);
        return dump(c ? engine_.load_image(*bytes, name, *c, files.is_discarded() ? ordered_json() : files) : reply);
    }
    std::string run(double max_events) { return dump(engine_.run(static_cast<uint64_t>(max_events))); }
    std::string command(const std::string& line) { return dump(engine_.command(line)); }
    std::string jump(double position) { return dump(engine_.jump(static_cast<uint64_t>(position))); }
    std::string state() const { return dump(engine_.state()); }
    std::string memory(double address, double count) const {
        return dump(engine_.memory(static_cast<uint32_t>(address), static_cast<uint32_t>(count)));
    }
    std::string listing() const { return dump(engine_.listing()); }
    std::string events(double from, double count) const {
        return dump(engine_.events(static_cast<size_t>(from), static_cast<size_t>(count)));
    }
    std::string exits() const { return dump(engine_.exits()); }

    // Full speed: the program in the settings' machine, no timeline.
    std::string fast_load_source(const std::string& source, const std::string& name, const std::string& config);
    std::string fast_load_image(const std::string& path, const std::string& config);
    std::string fast_run(double chunk) { return dump(fast_.run(static_cast<uint64_t>(chunk))); }
    std::string fast_state() const { return dump(fast_.state()); }

    std::string read_trace(const std::string& path) const { return dump(read_trace_file(path)); }

private:
    Engine engine_;
    FastRun fast_;
};

std::string Api::fast_load_source(const std::string& source, const std::string& name, const std::string& config) {
    ordered_json reply;
    std::optional<EngineConfig> c = settings(config, &reply);
    if (!c) return dump(reply);
    AssembleResult result = assemble_source(source, name);
    if (!result.ok()) return dump({{"ok", false}, {"assembly", assembly_json(result)}});
    return dump(fast_.load(*result.image, *c));
}

std::string Api::fast_load_image(const std::string& path, const std::string& config) {
    ordered_json reply;
    std::optional<EngineConfig> c = settings(config, &reply);
    if (!c) return dump(reply);
    std::optional<std::string> bytes = read_whole(path);
    std::string error = bytes ? "" : "cannot be read";
    std::optional<Image> image =
        bytes ? read_image({reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size()}, &error) : std::nullopt;
    if (!image) return dump({{"ok", false}, {"error", error}});
    return dump(fast_.load(*image, *c));
}

}  // namespace

EMSCRIPTEN_BINDINGS(trapvm_web) {
    emscripten::class_<Api>("Api")
        .constructor<>()
        .function("isa", &Api::isa)
        .function("assemble", &Api::assemble)
        .function("loadSource", &Api::load_source)
        .function("loadImage", &Api::load_image)
        .function("run", &Api::run)
        .function("command", &Api::command)
        .function("jump", &Api::jump)
        .function("state", &Api::state)
        .function("memory", &Api::memory)
        .function("listing", &Api::listing)
        .function("events", &Api::events)
        .function("exits", &Api::exits)
        .function("fastLoadSource", &Api::fast_load_source)
        .function("fastLoadImage", &Api::fast_load_image)
        .function("fastRun", &Api::fast_run)
        .function("fastState", &Api::fast_state)
        .function("readTrace", &Api::read_trace);
}

}  // namespace trapvm::web
