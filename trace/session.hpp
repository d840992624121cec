// Recording a run as trace events: the observers a run needs, on the bare
// machine or under the monitor, then filtering and annotation. Every event
// the filter keeps goes to the sink, in the order it happened.
//
//   trace::Session session(filter, [&](const trace::Event& e) { write(e); });
//   Observer& observer = session.observe(machine, &image);
//   while (...) if (machine.run(n, observer).kind == RunResult::Kind::Break) break;
//   session.ended(-1, machine.steps(), stop);
//
// Past --to the observers ask to stop (before() returns true, which under
// the monitor also stops Monitor::run_round()): the caller then runs on
// without them, at full speed.
#pragma once

#include "image/image.hpp"
#include "machine/machine.hpp"
#include "trace/filter.hpp"
#include "vmm/monitor.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace trapvm::trace {

class Session {
public:
    using Sink = std::function<void(const Event&)>;
    Session(Filter filter, Sink sink);
    ~Session();
    Session(const Session&) = delete;
    Session& operator=(const Session&) = delete;

    // The observer of a bare machine running image (null: no symbols).
    Observer& observe(const Machine& machine, const Image* image);
    // The observer of a monitor whose VM i runs images[i].
    vmm::MonitorObserver& observe(const vmm::Monitor& monitor, const std::vector<const Image*>& images);

    // A machine stopped (vm -1: the bare machine): the End event.
    void ended(int vm, uint64_t steps, nlohmann::ordered_json stop);

    // Keep nothing more but End events: the observers ask to stop, as past
    // --to. The sink calls it when the trace has grown too large.
    void stop() { stopped_ = true; }

private:
    class GuestWatch;
    class MonitorWatch;
    void emit(const Event& e);

    Filter filter_;
    Sink sink_;
    bool stopped_ = false;
    std::vector<std::unique_ptr<GuestWatch>> guests_;  // one per machine or VM
    std::unique_ptr<MonitorWatch> monitor_;
};

}  // namespace trapvm::trace
