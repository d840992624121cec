// Checkpoints within their memory budget: pages shared between checkpoints
// and with the live memory, copied only when the program overwrites them;
// restores that write only what differs; a forward goto that starts from a
// nearer checkpoint. (Exact replay across every kind of event: replay_test.cpp.)
#include "session_util.hpp"

#include <map>
#include <random>

using namespace trapvm;
using namespace trapvm::debug;
using namespace trapvm::debug::test;

namespace {

// Sees whether memory still holds the old bytes when a store is reported.
class StoreWatch : public Observer {
public:
    explicit StoreWatch(const Machine& m) : m_(m) {}
    void memory_written(uint32_t, uint32_t physical, int size, uint32_t old_value, uint32_t) override {
        ++stores;
        if (m_.read_physical(physical, size) != old_value) ++after_the_store;
    }
    int stores = 0, after_the_store = 0;

private:
    const Machine& m_;
};

// Goes forward `stride` events at a time to the end, checking the budget at
// each stop; returns the world's state at the positions in `marks`.
std::map<uint64_t, std::string> forward_with_budget(Session& s, uint64_t stride, const std::vector<uint64_t>& marks) {
    const CheckpointStore& store = s.timeline().checkpoints();
    std::map<uint64_t, std::string> states;
    for (uint64_t p = 0; !s.timeline().at_end(); p += stride) {
        for (uint64_t m : marks)
            if (m >= p && m < p + stride) {
                s.timeline().travel_to(m);
                states[m] = snapshot(s);
            }
        s.timeline().travel_to(p + stride);
        INFO("position ", s.timeline().position());
        REQUIRE(store.bytes() <= store.budget());
    }
    return states;
}

// Revisits the recorded positions in a random order.
void check_states(Session& s, const std::map<uint64_t, std::string>& states, int visits) {
    const CheckpointStore& store = s.timeline().checkpoints();
    std::vector<uint64_t> positions;
    for (const auto& [p, state] : states) positions.push_back(p);
    std::mt19937 random(2718);
    for (int i = 0; i < visits; ++i) {
        uint64_t p = positions[random() % positions.size()];
        s.timeline().travel_to(p);
        INFO("position ", p);
        CHECK(snapshot(s) == states.at(p));
        CHECK(store.bytes() <= store.budget());
    }
}

}  // namespace

TEST_CASE("checkpoints: the hooks report a store while memory still holds the old bytes (copy on write needs it)") {
    AssembleResult r = assemble_source(
        ".include \"pg32.inc\"\n_start: li t0, 0x1234\n sw t0, 256(zero)\n"
        " sh t0, 258(zero)\n sb t0, 256(zero)\n halt\n",
        "stores.s");
    REQUIRE(r.ok());
    Machine m;
    for (const Segment& segment : r.image->segments) REQUIRE(m.load(segment.address, segment.bytes));
    m.reset(r.image->entry);
    StoreWatch watch(m);
    while (!m.stopped()) m.run(UINT64_MAX, watch);
    CHECK(watch.stores == 3);
    CHECK(watch.after_the_store == 0);
}

TEST_CASE("checkpoints: at 256 MiB a program that overwrites all memory stays within the budget, and replay is exact") {
    Options o = bare("tests/debug/programs/scribble.s");  // 6 passes over 256 MiB: 1.5 GiB of page versions
    o.memory_size = 256u << 20;
    std::ostringstream out;
    auto s = make_session(o, out);
    std::map<uint64_t, std::string> states =
        forward_with_budget(*s, 50'000, {0, 999, 150'000, 333'333, 700'001, 1'000'000, 1'179'000});
    const CheckpointStore& store = s->timeline().checkpoints();
    INFO(store.count(), " checkpoints, ", store.bytes(), " bytes, ", store.pages().copies_made(), " pages copied");
    CHECK(store.pages().copies_made() > 32768);  // more than the budget's worth of overwritten pages
    CHECK(store.count() > 2);
    check_states(*s, states, 8);
}

TEST_CASE("checkpoints: a small budget holds while checkpoints thin out, and every restore is exact") {
    Options o = bare("tests/debug/programs/scribble.s");  // 6 passes over 4 MiB: 24 MiB of page versions
    o.memory_size = 4u << 20;
    o.checkpoints = {200, 64, 1u << 20};
    std::ostringstream out;
    auto s = make_session(o, out);
    std::vector<uint64_t> marks;
    for (uint64_t p = 0; p < 19'000; p += 97) marks.push_back(p);
    std::map<uint64_t, std::string> states = forward_with_budget(*s, 500, marks);
    REQUIRE(s->timeline().checkpoints().pages().copies_made() > 256);  // more than the budget's worth
    check_states(*s, states, 300);
}

TEST_CASE("checkpoints: a forward goto starts from the nearest checkpoint before the target, not from here") {
    Options o = bare("tests/debug/programs/forever.s");
    std::ostringstream out;
    auto s = make_session(o, out);
    s->execute("goto 200000");
    s->execute("goto 10");
    uint64_t before = s->timeline().events_run();
    s->execute("goto 150000");
    REQUIRE(s->step() == 150000);
    uint64_t replayed = s->timeline().events_run() - before;
    CHECK(replayed <= s->timeline().checkpoints().interval() + 1);  // + the instruction run to see it retires
    before = s->timeline().events_run();
    s->execute("goto 20");  // back: from a checkpoint too, not from step 0
    CHECK(s->timeline().events_run() - before <= s->timeline().checkpoints().interval() + 1);
}

TEST_CASE("checkpoints: at 256 MiB they hold no copy of memory, nor of the pre-decoded instructions") {
    Options o = bare("tests/debug/programs/forever.s");
    o.memory_size = 256u << 20;
    std::ostringstream out;
    auto s = make_session(o, out);
    s->execute("goto 50000");
    const CheckpointStore& store = s->timeline().checkpoints();
    CHECK(store.count() >= 50);
    CHECK(store.bytes() < (2u << 20));  // 50 checkpoints: tables and states, no 768 MiB copies
}
