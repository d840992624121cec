// Turning machine and monitor hooks into filtered, annotated trace events
// (see session.hpp).
#include "trace/session.hpp"

#include "image/disassembler.hpp"
#include "trace/annotate.hpp"
#include "trace/recorder.hpp"

namespace trapvm::trace {

namespace {

// Why the dispatcher decided as it did (vmm/dispatcher.cpp), in words.
std::string exit_reason(const vmm::ExitEvent& x) {
    std::string cause = pg32::cause_name(static_cast<uint32_t>(x.trap.cause));
    switch (x.decision) {
    case vmm::Decision::Emulated: return "virtual system mode: the monitor runs it for the guest";
    case vmm::Decision::Reflected:
        if (x.trap.cause == pg32::Cause::Privileged) return "virtual user mode: the guest's own kernel takes the trap";
        return "a " + cause + " is the guest's own trap: its kernel takes it";
    case vmm::Decision::Preempted: return "the monitor's time slice is over";
    case vmm::Decision::Deadline: return "the guest's virtual timer expires: its TIMER interrupt is due";
    case vmm::Decision::Patched: return "a sensitive instruction the monitor patched to trap: it runs it for the guest";
    case vmm::Decision::Stopped:
        if (x.routine) return std::string("the guest ran ") + x.routine + ": the VM stops";
        return "the trap goes nowhere (no handler, a trap loop or a monitor error): the VM stops";
    }
    return "";
}

// The csr an emulated csrr or csrw touched, and its value now.
std::optional<CsrAccess> csr_access(const pg32::Decoded& d, const PrivRegs& priv) {
    if (d.op != pg32::Op::Csrr && d.op != pg32::Op::Csrw) return std::nullopt;
    auto csr = static_cast<pg32::Csr>(d.imm);
    return CsrAccess{.csr = csr, .write = d.op == pg32::Op::Csrw, .value = priv.read(csr)};
}

}  // namespace

// One machine's or VM's guest-visible events: a Recorder, plus idle time.
class Session::GuestWatch : public Observer {
public:
    struct Time {
        uint64_t ticks, steps;
    };
    using Clock = std::function<Time()>;

    GuestWatch(Session& session, int vm, const PrivRegs& priv, Clock clock, const Image* image,
               CodeMap::ReadWord memory)
        : session_(session),
          vm_(vm),
          priv_(priv),
          clock_(std::move(clock)),
          annotator_(image, std::move(memory)),
          recorder_(priv, [this](const Record& r) { recorded(r); }) {
        Time t = clock_();
        idle_seen_ = t.ticks - t.steps;
    }

    std::function<bool()> done;  // true once nothing more of this run will be kept

    bool before(uint32_t pc) override {
        if (done()) return true;
        note_idle(pc);
        return recorder_.before(pc);
    }
    void register_written(int reg, uint32_t old_value, uint32_t new_value) override {
        recorder_.register_written(reg, old_value, new_value);
    }
    void memory_written(uint32_t address, uint32_t physical, int size, uint32_t old_value,
                        uint32_t new_value) override {
        recorder_.memory_written(address, physical, size, old_value, new_value);
    }
    void csr_written(pg32::Csr csr, uint32_t old_value, uint32_t new_value) override {
        recorder_.csr_written(csr, old_value, new_value);
    }
    void port_accessed(uint32_t port, uint32_t value, bool is_write) override {
        recorder_.port_accessed(port, value, is_write);
    }
    void retired(uint32_t pc, uint32_t word) override { recorder_.retired(pc, word); }

    // The ports the last instruction touched: an emulated in or out's, for its exit.
    const std::vector<PortAccess>& last_ports() const { return last_ports_; }
    void trapped(const Trap& trap, uint32_t epc, bool to_monitor) override {
        if (!to_monitor) note_idle(epc);
        recorder_.trapped(trap, epc, to_monitor);
    }

    // Time goes on without instructions only in wfi, so ticks minus steps
    // grows exactly by the idle time. Checked before anything the guest
    // does, it yields one Idle event per wait.
    void note_idle(uint32_t pc) {
        Time t = clock_();
        uint64_t idle = t.ticks - t.steps;
        if (idle == idle_seen_) return;
        Event e;
        e.type = Event::Type::Idle;
        e.vm = vm_;
        e.record.step = recorder_.steps();
        e.record.pc = pc;
        e.record.system = priv_.system_mode();
        e.idle_from = t.ticks - (idle - idle_seen_);
        e.idle_to = t.ticks;
        idle_seen_ = idle;
        session_.emit(e);
    }

    uint64_t steps() const { return recorder_.steps(); }

private:
    // The filter looks first, so records it drops cost no copy. One event
    // is reused for every record: its vectors and strings keep their
    // memory, so recording allocates nothing per instruction.
    void recorded(const Record& r) {
        if (r.kind == Record::Kind::Step) last_ports_ = r.ports;  // (empty to empty: no allocation)
        Event& e = event_;
        e.type = r.kind == Record::Kind::Step ? Event::Type::Step : Event::Type::Trap;
        e.vm = vm_;
        e.record.step = r.step;
        e.record.system = r.system;
        if (!session_.filter_.keep(e)) return;
        e.record = r;
        e.assembly.clear();  // (a trap has none)
        annotator_.annotate(e, priv_.rbase);
        session_.sink_(e);
    }

public:
    // An exit's symbol and source line, at the guest's pc and R then.
    void annotate_exit(Event& e, uint32_t rbase) { annotator_.annotate(e, rbase); }

private:
    Session& session_;
    int vm_;
    const PrivRegs& priv_;
    Clock clock_;
    Annotator annotator_;
    Recorder recorder_;
    Event event_;  // the last guest record's event (see recorded())
    uint64_t idle_seen_ = 0;
    std::vector<PortAccess> last_ports_;
};

// The monitor's own events, and each VM's guest view.
class Session::MonitorWatch : public vmm::MonitorObserver {
public:
    MonitorWatch(Session& session, const vmm::Monitor& monitor) : session_(session), monitor_(monitor) {}

    Observer* guest(const vmm::Vm& vm) override { return traced(vm) ? session_.guests_[index(vm)].get() : nullptr; }

    void exited(const vmm::Vm& vm, const vmm::ExitEvent& x) override {
        if (!traced(vm)) return;
        Event e = about(vm, Event::Type::Exit);
        bool emulated = x.routine != nullptr;  // the instruction retired: name its step
        e.record.step = vm.cpu.steps - (emulated ? 1 : 0);
        e.record.pc = x.pc;
        e.record.system = x.virtual_system;
        e.record.trap = x.trap;
        e.exit.decision = vmm::decision_name(x.decision);
        e.exit.routine = emulated ? x.routine : "";
        for (const vmm::CsrChange& c : x.changes) e.exit.changes.push_back({c.csr, c.old_value, c.new_value});
        e.exit.real_rbase = x.real_rbase;
        e.exit.real_rbound = x.real_rbound;
        explain(vm, x, e);
        session_.emit(e);
    }

    void injected(const vmm::Vm& vm, pg32::Cause cause, uint32_t epc) override {
        if (!traced(vm)) return;
        session_.guests_[index(vm)]->note_idle(epc);  // the wait the interrupt ends comes first
        Event e = about(vm, Event::Type::Inject);
        e.record.pc = epc;
        e.record.trap = Trap{cause, 0};
        session_.emit(e);
    }

    // Only switches: a VM that goes on after its own time slice is no news.
    void scheduled(const vmm::Vm& vm) override {
        if (vm.id == last_) return;
        last_ = vm.id;
        if (traced(vm)) session_.emit(about(vm, Event::Type::Schedule));
    }

    // Past --to for every VM still running that the filter keeps.
    bool done() const {
        if (session_.stopped_) return true;
        for (const vmm::Vm& vm : monitor_.vms())
            if (traced(vm) && vm.running() && !session_.filter_.done_after(session_.guests_[index(vm)]->steps()))
                return false;
        return true;
    }

private:
    static size_t index(const vmm::Vm& vm) { return static_cast<size_t>(vm.id); }

    // What a reader of --only traps needs without the steps: the
    // instruction, what it touched, where it is and why the decision.
    void explain(const vmm::Vm& vm, const vmm::ExitEvent& x, Event& e) {
        GuestWatch& guest = *session_.guests_[index(vm)];
        e.exit.why = exit_reason(x);
        std::optional<pg32::Decoded> d =
            x.trap.cause == pg32::Cause::Privileged ? pg32::decode(x.trap.badaddr) : std::nullopt;
        if (d) e.exit.assembly = disassemble(*d, x.pc);
        if (d && x.routine) {
            e.exit.csr = csr_access(*d, vm.cpu.priv);
            if (d->op == pg32::Op::In || d->op == pg32::Op::Out) e.exit.ports = guest.last_ports();
        }
        guest.annotate_exit(e, vm.cpu.priv.rbase);
    }
    bool traced(const vmm::Vm& vm) const { return session_.filter_.vm < 0 || session_.filter_.vm == vm.id; }

    static Event about(const vmm::Vm& vm, Event::Type type) {
        Event e;
        e.type = type;
        e.vm = vm.id;
        e.record.step = vm.cpu.steps;
        e.record.pc = vm.cpu.pc;
        e.record.system = vm.cpu.system_mode();
        return e;
    }

    Session& session_;
    const vmm::Monitor& monitor_;
    int last_ = -1;
};

Session::Session(Filter filter, Sink sink) : filter_(filter), sink_(std::move(sink)) {}
Session::~Session() = default;

Observer& Session::observe(const Machine& machine, const Image* image) {
    auto clock = [&machine] { return GuestWatch::Time{machine.ticks(), machine.steps()}; };
    auto memory = [&machine](uint32_t physical) { return machine.read_physical(physical, 4); };
    guests_.push_back(std::make_unique<GuestWatch>(*this, -1, machine.priv(), clock, image, memory));
    GuestWatch& watch = *guests_.back();
    watch.done = [this, &watch] { return stopped_ || filter_.done_after(watch.steps()); };
    return watch;
}

vmm::MonitorObserver& Session::observe(const vmm::Monitor& monitor, const std::vector<const Image*>& images) {
    monitor_ = std::make_unique<MonitorWatch>(*this, monitor);
    for (const vmm::Vm& vm : monitor.vms()) {
        auto clock = [&vm] { return GuestWatch::Time{vm.cpu.ticks, vm.cpu.steps}; };
        auto memory = [&monitor, &vm](uint32_t physical) -> std::optional<uint32_t> {  // the VM's own physical memory
            if (vm.region.size < 4 || physical > vm.region.size - 4) return std::nullopt;
            return monitor.machine().read_physical(vm.region.base + physical, 4);
        };
        const Image* image = static_cast<size_t>(vm.id) < images.size() ? images[static_cast<size_t>(vm.id)] : nullptr;
        guests_.push_back(std::make_unique<GuestWatch>(*this, vm.id, vm.cpu.priv, clock, image, memory));
        guests_.back()->done = [this] { return monitor_->done(); };
    }
    return *monitor_;
}

void Session::ended(int vm, uint64_t steps, nlohmann::ordered_json stop) {
    Event e;
    e.type = Event::Type::End;
    e.vm = vm;
    e.record.step = steps;
    e.stop = std::move(stop);
    emit(e);
}

void Session::emit(const Event& e) {
    if ((!stopped_ || e.type == Event::Type::End) && filter_.keep(e)) sink_(e);
}

}  // namespace trapvm::trace
