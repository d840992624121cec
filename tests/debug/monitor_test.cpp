// The debugger stops the monitor anywhere and replays from copies of it; that
// is only sound if a run with breaks is the same run as one without. Here the
// same VMs run once straight through and once with a break every k guest
// instructions; the guest-visible streams and the end states must be equal.
#include "session_util.hpp"

using namespace trapvm;
using namespace trapvm::debug::test;

namespace {

// Records each VM's retired instructions; breaks at every k-th new instruction.
class Breaker : public vmm::MonitorObserver {
public:
    Breaker(vmm::Monitor& monitor, uint64_t every) : monitor_(monitor), every_(every) {
        for (size_t i = 0; i < monitor.vms().size(); ++i) vms_.emplace_back(*this, static_cast<int>(i));
    }
    Observer* guest(const vmm::Vm& vm) override { return &vms_[static_cast<size_t>(vm.id)]; }
    void exited(const vmm::Vm& vm, const vmm::ExitEvent& e) override {
        log +=
            "exit " + std::to_string(vm.id) + " " + std::to_string(e.pc) + " " + vmm::decision_name(e.decision) + "\n";
    }
    std::string log;

private:
    struct Guest : Observer {
        Guest(Breaker& b, int vm) : b_(b), vm_(vm) {}
        bool before(uint32_t) override {
            if (resuming_) return resuming_ = false;  // the instruction we stopped before, announced again
            if (b_.every_ && ++b_.seen_ % b_.every_ == 0) return resuming_ = true;
            return false;
        }
        void retired(uint32_t pc, uint32_t word) override {
            b_.log += std::to_string(vm_) + " " + std::to_string(pc) + " " + std::to_string(word) + "\n";
        }
        void trapped(const Trap& t, uint32_t epc, bool to_monitor) override {
            if (!to_monitor)
                b_.log += "trap " + std::to_string(vm_) + " " + std::to_string(int(t.cause)) + " " +
                          std::to_string(epc) + "\n";
        }
        Breaker& b_;
        int vm_;
        bool resuming_ = false;
    };
    vmm::Monitor& monitor_;
    uint64_t every_;
    uint64_t seen_ = 0;
    std::vector<Guest> vms_;
};

vmm::Monitor make_monitor(const std::vector<std::string>& programs, uint32_t quantum, std::string input) {
    vmm::Monitor monitor({64u << 10, quantum, UINT64_MAX}, static_cast<int>(programs.size()));
    auto stream = InputStream::from_bytes(std::move(input));
    for (size_t i = 0; i < programs.size(); ++i) {
        Image image = assemble(programs[i]);
        for (const Segment& s : image.segments) REQUIRE(monitor.load(static_cast<int>(i), s.address, s.bytes));
        monitor.reset(static_cast<int>(i), image.entry);
        monitor.vms()[i].cpu.devices.console.input = stream;
    }
    return monitor;
}

std::string end_state(const vmm::Monitor& m) {
    std::string text;
    for (const vmm::Vm& vm : m.vms()) {
        text += vm.name + " pc " + std::to_string(vm.cpu.pc) + " steps " + std::to_string(vm.cpu.steps) + " ticks " +
                std::to_string(vm.cpu.ticks) + " stop " + std::to_string(int(vm.cpu.stop.reason)) + " exits " +
                std::to_string(vm.stats.exits()) + " preemptions " + std::to_string(vm.stats.preemptions) + "\n";
    }
    return text + "real ticks " + std::to_string(m.machine().ticks());
}

// Runs to the end, breaking every `every` instructions (0: never); returns the log and end state.
std::string run(const std::vector<std::string>& programs, uint32_t quantum, const std::string& input, uint64_t every) {
    vmm::Monitor monitor = make_monitor(programs, quantum, input);
    Breaker breaker(monitor, every);
    monitor.set_observer(&breaker);
    int breaks = 0;
    while (monitor.run_round())
        if (monitor.break_requested()) ++breaks;
    if (every) CHECK(breaks > 0);
    return breaker.log + end_state(monitor);
}

void check_breaks_are_invisible(const std::vector<std::string>& programs, uint32_t quantum,
                                const std::string& input = "") {
    std::string straight = run(programs, quantum, input, 0);
    for (uint64_t every : {1, 2, 3, 7, 50, 211}) {
        INFO("a break every ", every, " instructions");
        CHECK(run(programs, quantum, input, every) == straight);
    }
}

}  // namespace

TEST_CASE("monitor: breaks are invisible with two VMs and tiny time slices") {
    check_breaks_are_invisible({"tests/debug/programs/kernel.s", "tests/debug/programs/calls.s"}, 11);
}

TEST_CASE("monitor: breaks are invisible with console input, wfi and faults") {
    check_breaks_are_invisible({"tests/vmm/programs/console_kernel.s", "tests/vmm/programs/wfi_kernel.s",
                                "tests/vmm/programs/faults_kernel.s"},
                               23, "xyz\n");
}

TEST_CASE("monitor: breaks are invisible with the default time slice") {
    check_breaks_are_invisible({"tests/vmm/programs/timer_kernel.s", "tests/debug/programs/kernel.s"}, 20000);
}
