// Trace filters: --from/--to, --only traps|user|system, --vm.
#include "trace/filter.hpp"

#include <doctest/doctest.h>

using namespace trapvm;
using trace::Event;

namespace {

Event event(Event::Type type, uint64_t step, bool system, int vm = -1) {
    Event e;
    e.type = type;
    e.record.step = step;
    e.record.system = system;
    e.vm = vm;
    return e;
}

}  // namespace

TEST_CASE("filter: by default everything is kept") {
    trace::Filter f;
    for (auto type : {Event::Type::Step, Event::Type::Trap, Event::Type::Exit, Event::Type::Inject,
                      Event::Type::Schedule, Event::Type::Idle, Event::Type::End})
        CHECK(f.keep(event(type, 5, true)));
    CHECK_FALSE(f.done_after(UINT64_MAX - 1));
}

TEST_CASE("filter: --from and --to keep a step range, inclusive, the end always") {
    trace::Filter f;
    f.from = 10;
    f.to = 20;
    CHECK_FALSE(f.keep(event(Event::Type::Step, 9, true)));
    CHECK(f.keep(event(Event::Type::Step, 10, true)));
    CHECK(f.keep(event(Event::Type::Trap, 20, true)));
    CHECK_FALSE(f.keep(event(Event::Type::Exit, 21, true)));
    CHECK(f.keep(event(Event::Type::End, 500, true)));
    CHECK_FALSE(f.done_after(20));
    CHECK(f.done_after(21));
}

TEST_CASE("filter: --only traps keeps traps, interrupts, exits and injections") {
    trace::Filter f;
    std::string error;
    REQUIRE(f.add_only("traps", &error));
    CHECK_FALSE(f.keep(event(Event::Type::Step, 1, true)));
    CHECK(f.keep(event(Event::Type::Trap, 1, true)));
    CHECK(f.keep(event(Event::Type::Exit, 1, false)));
    CHECK(f.keep(event(Event::Type::Inject, 1, false)));
    CHECK_FALSE(f.keep(event(Event::Type::Schedule, 1, true)));
    CHECK_FALSE(f.keep(event(Event::Type::Idle, 1, true)));
    CHECK(f.keep(event(Event::Type::End, 1, true)));
}

TEST_CASE("filter: --only user|system by the (virtual) mode, also with traps") {
    trace::Filter f;
    std::string error;
    REQUIRE(f.add_only("user", &error));
    CHECK(f.keep(event(Event::Type::Step, 1, false)));
    CHECK_FALSE(f.keep(event(Event::Type::Step, 1, true)));
    CHECK_FALSE(f.keep(event(Event::Type::Schedule, 1, false)));
    REQUIRE(f.add_only("traps", &error));
    CHECK_FALSE(f.keep(event(Event::Type::Step, 1, false)));
    CHECK(f.keep(event(Event::Type::Trap, 1, false)));
    CHECK_FALSE(f.keep(event(Event::Type::Trap, 1, true)));
    CHECK(f.to_json().dump() == R"({"from":0,"to":null,"only":["traps","user"],"vm":null})");
    CHECK_FALSE(f.add_only("system", &error));
    CHECK(error == "--only user and --only system together keep nothing");
    CHECK_FALSE(f.add_only("kernel", &error));
    CHECK(error == "--only 'kernel': expected traps, user or system");
}

TEST_CASE("filter: --vm keeps one VM's events, its end included") {
    trace::Filter f;
    f.vm = 1;
    CHECK(f.keep(event(Event::Type::Step, 1, true, 1)));
    CHECK_FALSE(f.keep(event(Event::Type::Step, 1, true, 0)));
    CHECK_FALSE(f.keep(event(Event::Type::End, 1, true, 0)));
    CHECK(f.keep(event(Event::Type::End, 1, true, 1)));
    CHECK(f.to_json().dump() == R"({"from":0,"to":null,"only":[],"vm":1})");
}
